"""Lesson goals: a metric's value from a training history row, the network's size for the
goal's constraints, and whether a goal is met. Shared by `lesson check` and the app (which
checks the goal at each finished epoch while training runs)."""

from __future__ import annotations

from visualnn.core.i18n import tr

# hidden units: the width of each layer with weights, by type
_WIDTH = {"Linear": "out_features", "Conv2d": "out_channels", "RNN": "hidden_size", "LSTM": "hidden_size",
          "GRU": "hidden_size"}


def network_size(graph) -> dict:
    """{"params": learnable values of the whole network, "hidden_units": the summed width
    (out_features, out_channels, hidden_size) of every layer with weights except the last
    one, which is the output layer}."""
    from visualnn.core.graph import check_graph
    from visualnn.core.graph.validate import param_count

    report = check_graph(graph)
    params = sum(param_count(graph, report).values())
    widths = []
    for nid in report.order or graph.topo_order():
        node = graph.nodes[nid]
        key = _WIDTH.get(node.type)
        if key is not None:
            resolved = report.params.get(nid, node.params)
            widths.append(int(resolved.get(key, 0) or 0))
    return {"params": int(params), "hidden_units": int(sum(widths[:-1]))}


def constraint_problems(goal, graph) -> list[str]:
    """The goal's constraints the network breaks, in words (empty: all kept)."""
    if not goal.constraints:
        return []
    size = network_size(graph)
    out = []
    if "max_params" in goal.constraints and size["params"] > goal.constraints["max_params"]:
        out.append(tr("the network has {n} parameters, more than {max}", n=size["params"],
                      max=goal.constraints["max_params"]))
    if "max_hidden_units" in goal.constraints and size["hidden_units"] > goal.constraints["max_hidden_units"]:
        out.append(tr("the network has {n} hidden units, more than {max}", n=size["hidden_units"],
                      max=goal.constraints["max_hidden_units"]))
    return out


def metric_value(metric: str, row: dict | None):
    """The value of `metric` in a history row ({epoch, train_loss, test_loss, ...}); None
    when the row lacks it (no test split, regression without accuracy)."""
    if not row:
        return None
    value = row.get(metric)
    return None if value is None else float(value)


def goal_met(goal, row: dict | None, graph) -> bool:
    """Whether the row's metric meets the goal's bound and the network keeps its constraints."""
    return goal.satisfied_by(metric_value(goal.metric, row)) and not constraint_problems(goal, graph)


def goal_text(goal) -> str:
    """The goal in words: its own text in the UI language, else one made from the metric."""
    from visualnn.core.i18n import pick

    own = pick(goal.text)
    if own:
        return own
    if goal.at_least is not None:
        return tr("Reach {metric} of at least {target:g}", metric=goal.metric, target=goal.at_least)
    return tr("Bring {metric} down to at most {target:g}", metric=goal.metric, target=goal.at_most)
