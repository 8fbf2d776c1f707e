"""The undo commands: each edit and its exact undo, merging, macros."""

from __future__ import annotations

from visualnn.core.graph import Graph
from visualnn.core.io import Project, dumps_project
from visualnn.gui.commands import (
    AddNode, ChangeData, ChangeTrain, Connect, Disconnect, MoveNodes, RemoveNodes, RenameNode, ReplaceGraph,
    SetParams, paste_records, remove_selection, rename_problem, set_param,
)
from visualnn.gui.document import Document


def diamond() -> Graph:
    g = Graph()
    g.add_node("Input", "x", {"shape": [4]}, (0, 0))
    g.add_node("Linear", "a", {"out_features": 4}, (300, -100))
    g.add_node("Linear", "b", {"out_features": 4}, (300, 100))
    g.add_node("Concat", "cat", {}, (600, 0))
    g.add_node("Linear", "out", {"out_features": 2}, (900, 0))
    for s, d in (("x", "a"), ("x", "b"), ("a", "cat"), ("b", "cat"), ("cat", "out")):
        g.connect(s, d)
    return g


def make_doc(qapp, graph=None, **kw) -> Document:
    return Document(Project(graph or diamond(), name="t", **kw))


def test_remove_nodes_restores_node_order_edge_order_and_state(qapp):
    doc = make_doc(qapp, state={"a": {"bias": [1.0] * 4}, "out": {"bias": [0.0, 0.0]}, "b": {"bias": [2.0] * 4}})
    text = dumps_project(doc.project)
    doc.undo_stack.push(RemoveNodes(doc, ["cat", "a"]))
    assert list(doc.graph.nodes) == ["x", "b", "out"]
    assert [(e.src, e.dst) for e in doc.graph.edges] == [("x", "b")]
    assert list(doc.project.state) == ["out", "b"]
    doc.undo_stack.undo()
    assert dumps_project(doc.project) == text
    assert doc.graph.inputs_of("cat") == ["a", "b"]  # Concat order intact


def test_connect_disconnect_keep_the_edge_index(qapp):
    doc = make_doc(qapp)
    text = dumps_project(doc.project)
    doc.undo_stack.push(Disconnect(doc, "a", "cat"))
    assert doc.graph.inputs_of("cat") == ["b"]
    doc.undo_stack.push(Connect(doc, "a", "cat"))
    assert doc.graph.inputs_of("cat") == ["b", "a"]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert dumps_project(doc.project) == text


def test_moves_of_one_drag_merge_and_a_move_back_cancels_out(qapp):
    doc = make_doc(qapp)
    doc.undo_stack.push(MoveNodes(doc, {"a": (310, -100)}, drag_id=7))
    doc.undo_stack.push(MoveNodes(doc, {"a": (340, -80)}, drag_id=7))
    assert doc.undo_stack.count() == 1 and doc.graph.nodes["a"].pos == (340.0, -80.0)
    doc.undo_stack.push(MoveNodes(doc, {"a": (0, 0)}, drag_id=8))
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.graph.nodes["a"].pos == (300.0, -100.0)
    doc.undo_stack.push(MoveNodes(doc, {"b": (1, 1)}, drag_id=9))
    doc.undo_stack.push(MoveNodes(doc, {"b": (300, 100)}, drag_id=9))
    assert doc.undo_stack.count() == 0  # back where it was: no step left


def test_first_move_of_an_unplaced_card_undoes_to_unplaced(qapp):
    g = diamond()
    g.nodes["out"].pos = None
    doc = make_doc(qapp, g)
    doc.undo_stack.push(MoveNodes(doc, {"out": (5, 5)}))
    doc.undo_stack.undo()
    assert doc.graph.nodes["out"].pos is None


def test_param_edits_merge_per_parameter_and_revalidate(qapp):
    doc = make_doc(qapp)
    seen = []
    doc.validated.connect(lambda rep: seen.append(rep.shapes.get("cat")))
    for n in (5, 6, 7):
        doc.undo_stack.push(set_param(doc, "a", "out_features", n))
    assert doc.undo_stack.count() == 1 and doc.report.shapes["cat"] == (11,)
    doc.undo_stack.push(set_param(doc, "a", "bias", False))
    assert doc.undo_stack.count() == 2
    doc.undo_stack.push(set_param(doc, "a", "bias", None))  # back to the default: the key goes
    assert "bias" not in doc.graph.nodes["a"].params
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.graph.nodes["a"].params == {"out_features": 4} and seen[-1] == (8,)
    doc.undo_stack.push(SetParams(doc, "b", {"out_features": 9}))
    doc.undo_stack.push(SetParams(doc, "b", {"out_features": 10}))
    assert doc.undo_stack.count() == 2  # no merge key: separate steps


def test_rename_follows_edges_and_state(qapp):
    doc = make_doc(qapp, state={"a": {"bias": [1.0] * 4}})
    assert rename_problem(doc, "a", "b") == "a node 'b' already exists"
    assert "must start with a letter" in rename_problem(doc, "a", "9a")
    assert rename_problem(doc, "a", "forward") is None  # compiled as node_forward
    assert rename_problem(doc, "a", "隐藏层1") is None
    assert rename_problem(doc, "a", "left") is None
    doc.undo_stack.push(RenameNode(doc, "a", "left"))
    assert doc.graph.inputs_of("cat") == ["left", "b"] and "left" in doc.project.state
    doc.undo_stack.undo()
    assert doc.graph.inputs_of("cat") == ["a", "b"] and list(doc.project.state) == ["a"]


def test_change_data_and_train_emit_settings_changed_and_merge(qapp):
    doc = make_doc(qapp, data={"kind": "builtin", "name": "spiral", "params": {"noise": 0.1}}, train={"lr": 0.1})
    hits = []
    doc.settingsChanged.connect(lambda: hits.append(1))
    for noise in (0.2, 0.3):
        doc.undo_stack.push(ChangeData(doc, {"kind": "builtin", "name": "spiral", "params": {"noise": noise}}, merge_key="noise"))
    assert doc.undo_stack.count() == 1 and doc.project.data["params"]["noise"] == 0.3 and len(hits) == 2
    doc.undo_stack.push(ChangeTrain(doc, {"lr": 0.5}))
    assert doc.project.train == {"lr": 0.5} and doc.dirty
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.project.data["params"]["noise"] == 0.1 and doc.project.train == {"lr": 0.1}
    assert not doc.dirty and len(hits) == 5


def test_paste_and_remove_selection_are_single_steps(qapp):
    doc = make_doc(qapp)
    text = dumps_project(doc.project)
    nodes, edges = doc.graph.to_records()
    ids = paste_records(doc, [n for n in nodes if n["id"] in ("a", "cat")], edges)
    assert ids == ["a1", "cat1"] and doc.graph.has_edge("a1", "cat1") and doc.undo_stack.count() == 1
    remove_selection(doc, ["a1"], [("x", "b")])
    assert doc.undo_stack.count() == 2 and not doc.graph.has_edge("x", "b") and "a1" not in doc.graph.nodes
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert dumps_project(doc.project) == text


def test_add_node_and_replace_graph(qapp):
    doc = make_doc(qapp)
    text = dumps_project(doc.project)
    cmd = AddNode(doc, "ReLU", pos=(1, 2))
    doc.undo_stack.push(cmd)
    assert cmd.node_id == "relu" and doc.graph.nodes["relu"].pos == (1, 2)
    other = Graph()
    other.add_node("Input", "only", {"shape": [2]})
    doc.undo_stack.push(ReplaceGraph(doc, other, "Template"))
    assert list(doc.graph.nodes) == ["only"]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert dumps_project(doc.project) == text


def test_a_paste_of_twenty_layers_validates_once(qtbot):
    from visualnn.core.graph import Graph
    from visualnn.core.io import Project
    from visualnn.gui.commands import paste_records
    from visualnn.gui.document import Document

    g = Graph()
    g.add_node("Input", "x", {"shape": [2]})
    doc = Document(Project(graph=g))
    nodes = [{"id": f"l{i}", "type": "ReLU", "pos": [i * 100, 0]} for i in range(20)]
    edges = [{"from": f"l{i}", "to": f"l{i + 1}"} for i in range(19)]
    seen = []
    doc.validated.connect(seen.append)
    before = doc.validations
    paste_records(doc, nodes, edges)
    assert doc.validations - before == 1 and len(seen) == 1
    assert len(doc.graph.nodes) == 21 and doc.report is seen[0]
    doc.undo_stack.undo()
    assert len(doc.graph.nodes) == 1 and doc.report.ok


def test_python_exits_cleanly_after_layers_were_copied():
    """Copied layers sit on the clipboard until the process ends; they are taken back
    before Qt is torn down (left there, they crashed the exit: status 139)."""
    import os
    import subprocess
    import sys

    code = """
from visualnn.gui.app import make_app
from visualnn.gui.document import Document
from visualnn.gui.main_window import MainWindow
from visualnn.core.io import load_project
from visualnn.examples import example_path
app = make_app()
w = MainWindow(Document(load_project(example_path())))
w.canvas.select_ids(["fc1"])
assert w.canvas.copy_selection()
w.document.mark_saved()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
