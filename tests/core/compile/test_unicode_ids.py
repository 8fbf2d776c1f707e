"""Node ids in any script, and ids that are torch.nn.Module attribute names, validate,
compile, train, and export to PyTorch code and ONNX that give the compiled model's outputs."""

from __future__ import annotations

import onnxruntime as ort
import torch

from tests.core.io.export_helpers import example_input, graph, load_exported, project_of
from visualnn.core.compile import compile_graph, state_to_lists
from visualnn.core.compile.names import submodule_names
from visualnn.core.graph import check_graph, id_problem
from visualnn.core.io.export_onnx import export_onnx
from visualnn.core.io.export_py import export_python, import_state_dict
from visualnn.core.train.headless import train_project

def chinese_graph():
    return graph([("输入", "Input", {"shape": [2]}), ("隐藏层1", "Linear", {"out_features": 4}),
                  ("激活", "Tanh", {}), ("forward", "Linear", {"out_features": 4}), ("training", "ReLU", {}),
                  ("__class__", "Linear", {"out_features": 3}), ("_modules", "Sigmoid", {}), ("ｆｃ", "Linear", {"out_features": 2})],
                 [("输入", "隐藏层1"), ("隐藏层1", "激活"), ("激活", "forward"), ("forward", "training"),
                  ("training", "__class__"), ("__class__", "_modules"), ("_modules", "ｆｃ")])


def test_ids_follow_python_identifier_rules():
    for ok in ["输入", "隐藏层1", "_x", "forward", "__class__", "ｆｃ", "café"]:
        assert id_problem(ok) is None, ok
    for bad in ["1层", "a-b", "a b", "", "class", 3]:
        assert id_problem(bad)


def test_clashing_ids_get_distinct_safe_submodule_names():
    ids = ["输入", "forward", "node_forward", "ｆｃ", "fc", "__class__"]
    names = submodule_names(ids)
    assert names["输入"] == "输入" and names["fc"] == "fc" and names["node_forward"] == "node_forward"
    assert names["forward"] not in ids and names["forward"].startswith("node_forward")
    assert names["ｆｃ"] == "node_fc" and names["__class__"] == "node___class__"
    assert len(set(names.values())) == len(ids)


def test_a_graph_with_chinese_and_clashing_ids_validates_compiles_and_trains(tmp_path):
    g = chinese_graph()
    assert check_graph(g).ok, check_graph(g).problems
    project = project_of(g)
    project.data = {"kind": "builtin", "name": "xor", "params": {"samples": 40}}
    project.train = {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.05, "batch_size": 8, "epochs": 2, "seed": 1}
    result = train_project(project)
    assert result.error is None and len(result.history) == 2
    state = state_to_lists(result.model.cpu())
    assert set(state) == {nid for nid in g.nodes if nid not in ("输入",) and g.nodes[nid].type == "Linear"}
    again = compile_graph(g, state)  # the state round-trips by node id
    for nid in state:
        assert torch.equal(again.layer(nid).weight, result.model.layer(nid).weight)
    values = again.forward_all(torch.zeros(1, 2))
    assert set(values) == set(g.nodes)


def test_export_python_with_chinese_ids_runs_and_gives_the_same_outputs(tmp_path):
    project = project_of(chinese_graph())
    model = compile_graph(project.graph, seed=0).eval()
    project.state = state_to_lists(model)
    out = tmp_path / "模型.py"
    export_python(project, out)
    built = load_exported(out).build_model().eval()
    assert list(built.state_dict()) == list(model.state_dict())
    x = example_input(model, batch=4)
    with torch.no_grad():
        torch.testing.assert_close(built(x), model(x))
    weights = tmp_path / "weights.pt"
    torch.save(built.state_dict(), weights)
    assert import_state_dict(project, weights).keys() == project.state.keys()


def test_export_onnx_with_chinese_ids(tmp_path):
    project = project_of(chinese_graph())
    model = compile_graph(project.graph, seed=0).eval()
    project.state = state_to_lists(model)
    path = export_onnx(project, tmp_path / "model.onnx")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    assert session.get_inputs()[0].name == "输入"
    x = example_input(model, batch=3)
    (got,) = session.run(None, {"输入": x.numpy()})
    with torch.no_grad():
        torch.testing.assert_close(torch.from_numpy(got), model(x), atol=2e-5, rtol=1e-4)


def test_step_through_keeps_the_users_ids():
    from visualnn.core.backprop.trace import trace_project

    project = project_of(chinese_graph())
    project.data = {"kind": "table", "inputs": [[0.5, -1.0]], "targets": [[1]]}
    project.train = {"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.1, "seed": 0, "test_fraction": 0.0}
    trace = trace_project(project)
    assert [e["node"] for e in trace["forward"]] == [n for n in project.graph.topo_order() if n != "输入"]
    assert set(trace["update"]["params"]) == {"隐藏层1", "forward", "__class__", "ｆｃ"}
