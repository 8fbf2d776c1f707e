"""Every layer type, one module per group. `ALL` lists their specs in palette order."""

from visualnn.core.graph.layers import activation, attention, basic, conv, merge, norm, recurrent

ALL = (
    basic.SPECS + conv.SPECS + recurrent.SPECS + attention.SPECS
    + activation.SPECS + merge.SPECS + norm.SPECS
)
