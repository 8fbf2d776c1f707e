"""Does the network fit the data set? The Input's shape and dtype and the output size, and
the edits that make them fit (one undo step)."""

from __future__ import annotations

from visualnn.core.train.config import CLASSIFICATION_LOSSES
from visualnn.gui.commands import SetParams, insert_after, set_param
from visualnn.gui.i18n import translate


PASS_THROUGH = {"ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax", "Dropout", "Identity"}


def data_task(loss: str, data: dict) -> str | None:
    """The task to load the set for (the rule of core.train.targets.data_task, which
    imports torch and so is not imported here)."""
    if loss in CLASSIFICATION_LOSSES:
        return "classification"
    return "regression" if data.get("kind") in ("table", "csv") else None


def output_linear(graph) -> str | None:
    """The Linear that sets the network's output size (the output, or the last Linear
    before activations at the end), or None."""
    nid = graph.output_id()
    while nid is not None:
        node = graph.nodes[nid]
        if node.type == "Linear":
            return nid
        srcs = graph.inputs_of(nid)
        nid = srcs[0] if node.type in PASS_THROUGH and len(srcs) == 1 else None
    return None


def mismatches(graph, report, ds, loss: str) -> list[tuple[str, str]]:
    """[(node id, what differs)] between the network and the data set."""
    out = []
    inputs = graph.input_ids()
    if inputs:
        node = graph.nodes[inputs[0]]
        resolved = report.params.get(node.id) if report is not None else None
        shape = tuple(resolved["shape"]) if resolved else tuple(ds.input_shape)  # a wrong shape is said on the node
        if shape != tuple(ds.input_shape):
            out.append((node.id, translate("data_match", "Input is {shape}, data gives {data_shape}").format(
                shape=list(shape), data_shape=list(ds.input_shape))))
        if node.params.get("dtype", "float") != ds.input_dtype:
            out.append((node.id, translate("data_match", "Input takes {dtype} values, data gives {data_dtype}").format(
                dtype=node.params.get('dtype', 'float'), data_dtype=ds.input_dtype)))
    lin = output_linear(graph)
    if lin is not None:
        width = graph.nodes[lin].params.get("out_features", 8)
        want = wanted_outputs(ds, loss, width)
        if want is not None and width != want:
            if ds.task == "classification":
                what = translate("data_match", "{n} classes").format(n=ds.num_classes)
            else:
                what = translate("data_match", "{n} target values").format(n=ds.output_dim)
            out.append((lin, translate("data_match", "{node} gives {n} outputs, data has {what}").format(
                node=lin, n=width, what=what)))
    return out


def wanted_outputs(ds, loss: str, width: int) -> int | None:
    if ds.task == "classification":
        if loss not in CLASSIFICATION_LOSSES and width == 1 and ds.num_classes == 2:
            return 1
        return ds.num_classes
    return ds.output_dim


def match_network(doc, ds) -> bool:
    """Set the Input's shape and dtype to the data set's (with a Flatten before a Linear that
    took the Input directly, for images), the Embedding's vocabulary, and the output
    Linear's size to the classes or targets; one undo step. False when nothing differed."""
    loss = str((doc.project.train or {}).get("loss", ""))
    if not mismatches(doc.graph, doc.report, ds, loss):
        return False
    graph, stack = doc.graph, doc.undo_stack
    stack.beginMacro(translate("data_match", "Match the network to the data"))
    inp = graph.input_ids()[0] if graph.input_ids() else None
    if inp is not None:
        params = dict(graph.nodes[inp].params)
        params["shape"] = list(ds.input_shape)
        if ds.input_dtype == "long":
            params["dtype"] = "long"
        else:
            params.pop("dtype", None)
        stack.push(SetParams(doc, inp, params, text=translate("data_match", "Set {inp}.shape").format(inp=inp)))
        outs = graph.outputs_of(inp)
        if len(ds.input_shape) > 1 and ds.input_dtype != "long" and len(outs) == 1 and graph.nodes[outs[0]].type == "Linear":
            a, b = graph.nodes[inp].pos, graph.nodes[outs[0]].pos
            insert_after(doc, inp, "Flatten", ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) if a and b else None)
        if ds.vocab:
            for nid in graph.outputs_of(inp):
                node = graph.nodes[nid]
                if node.type == "Embedding" and node.params.get("num_embeddings", 1000) < len(ds.vocab):
                    stack.push(set_param(doc, nid, "num_embeddings", len(ds.vocab)))
    lin = output_linear(graph)
    if lin is not None:
        width = graph.nodes[lin].params.get("out_features", 8)
        want = wanted_outputs(ds, loss, width)
        if want is not None and width != want:
            stack.push(set_param(doc, lin, "out_features", want))
    stack.endMacro()
    return True
