"""Step-through mode: one training update taken apart stage by stage, with every number.

The maths is the core's (visualnn.core.backprop: the trace, the lesson stages, the gradient
check, the worksheet); this package shows it: the equation panel, the canvas highlighting,
the numbers editor, and the mode in the main window (`mode.install_step_through`).
"""
