"""Step-through backprop: one training update taken apart, in float64.

trace_project / trace_update  the trace (plain JSON-ready dict, checked against autograd)
stages                        the lesson: equations with numbers, stage by stage
format_trace                  the readable `visualnn step` output
worksheet                     the trace as Markdown / CSV / LaTeX tables
gradient_check                analytic gradients against central differences
neurons                       one neuron, pixel or weight written out, from a trace
"""

from visualnn.core.backprop.equations import Stage, stages
from visualnn.core.backprop.errors import TraceError
from visualnn.core.backprop.gradcheck import gradient_check
from visualnn.core.backprop.text import format_trace
from visualnn.core.backprop.trace import trace_project, trace_update
from visualnn.core.backprop.worksheet import worksheet

__all__ = ["Stage", "TraceError", "format_trace", "gradient_check", "stages", "trace_project", "trace_update",
           "worksheet"]
