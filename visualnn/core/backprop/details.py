"""Layer type -> (forward detail, backward detail) functions of the trace.

Each function takes the `Capture` and a node id and returns a plain dict; every dict that
recomputes a value torch gave carries `max_error` (the largest relative difference, which
the tests hold under 1e-10).
"""

from __future__ import annotations

from visualnn.core.backprop import details_conv as conv
from visualnn.core.backprop import details_dense as dense
from visualnn.core.backprop import details_misc as misc
from visualnn.core.backprop import details_norm as norm
from visualnn.core.backprop import details_recurrent as rec

DETAILS = {
    "Linear": (dense.linear_forward, dense.linear_backward),
    "Softmax": (dense.softmax_forward, dense.softmax_backward),
    "Conv2d": (conv.conv_forward, conv.conv_backward),
    "MaxPool2d": (conv.maxpool_forward, conv.maxpool_backward),
    "AvgPool2d": (conv.avgpool_forward, conv.avgpool_backward),
    "Flatten": (conv.reshape_forward, conv.reshape_backward),
    "Reshape": (conv.reshape_forward, conv.reshape_backward),
    "Dropout": (norm.dropout_forward, norm.dropout_backward),
    "BatchNorm1d": (norm.norm_forward, norm.norm_backward),
    "BatchNorm2d": (norm.norm_forward, norm.norm_backward),
    "LayerNorm": (norm.norm_forward, norm.norm_backward),
    "RNN": (rec.recurrent_forward, rec.recurrent_backward),
    "LSTM": (rec.recurrent_forward, rec.recurrent_backward),
    "GRU": (rec.recurrent_forward, rec.recurrent_backward),
    "Embedding": (misc.embedding_forward, misc.embedding_backward),
    "SelfAttention": (misc.attention_forward, misc.attention_backward),
    "Add": (misc.add_forward, misc.add_backward),
    "Concat": (misc.concat_forward, misc.concat_backward),
}
for _t in dense.ACTIVATIONS:
    DETAILS[_t] = (dense.activation_forward, dense.activation_backward)


def forward_detail(cap, nid: str) -> dict:
    fns = DETAILS.get(cap.types[nid])
    return fns[0](cap, nid) if fns else {}


def backward_detail(cap, nid: str) -> dict:
    fns = DETAILS.get(cap.types[nid])
    return fns[1](cap, nid) if fns else {}
