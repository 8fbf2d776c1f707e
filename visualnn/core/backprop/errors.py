"""The one error type of the step-through engine."""


class TraceError(ValueError):
    """The update cannot be traced (bad sample index, invalid graph, data that does not fit):
    one line saying why and where."""
