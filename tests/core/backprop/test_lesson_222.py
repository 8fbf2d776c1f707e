"""The hand-worked 2-2-2 sigmoid example (the bundled lesson), every number derived by hand here.

Network: inputs i1, i2 -> hidden h1, h2 (sigmoid) -> outputs o1, o2 (sigmoid).
w1, w2: i1, i2 -> h1;  w3, w4: i1, i2 -> h2;  w5, w6: h1, h2 -> o1;  w7, w8: h1, h2 -> o2.
E = 1/2 (t1 - o1)^2 + 1/2 (t2 - o2)^2, plain SGD with lr 0.5.
"""

import math

from visualnn.core.backprop.trace import trace_project
from visualnn.core.io import load_project
from visualnn.examples import example_path


def sig(z):
    return 1.0 / (1.0 + math.exp(-z))


i1, i2, t1, t2 = 0.05, 0.10, 0.01, 0.99
w1, w2, w3, w4, w5, w6, w7, w8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55
b1, b2, lr = 0.35, 0.60, 0.5

# forward
net_h1 = w1 * i1 + w2 * i2 + b1          # 0.15*0.05 + 0.2*0.1 + 0.35 = 0.3775
net_h2 = w3 * i1 + w4 * i2 + b1          # 0.25*0.05 + 0.3*0.1 + 0.35 = 0.3925
out_h1, out_h2 = sig(net_h1), sig(net_h2)  # 0.593269992, 0.596884378
net_o1 = w5 * out_h1 + w6 * out_h2 + b2  # 1.105905967
net_o2 = w7 * out_h1 + w8 * out_h2 + b2  # 1.224921404
out_o1, out_o2 = sig(net_o1), sig(net_o2)  # 0.75136507, 0.772928465
E_o1 = 0.5 * (t1 - out_o1) ** 2          # 0.274811083
E_o2 = 0.5 * (t2 - out_o2) ** 2          # 0.023560026
E_total = E_o1 + E_o2                    # 0.298371109

# backward: output deltas  delta_o = dE/dout * dout/dnet = -(t - out) * out * (1 - out)
delta_o1 = -(t1 - out_o1) * out_o1 * (1 - out_o1)  # 0.74136507 * 0.186815602 = 0.138498562
delta_o2 = -(t2 - out_o2) * out_o2 * (1 - out_o2)  # -0.038098236
dE_dw5 = delta_o1 * out_h1                          # 0.082167041
# hidden deltas: delta_h = (sum_k w_kh * delta_k) * out_h * (1 - out_h)
delta_h1 = (w5 * delta_o1 + w7 * delta_o2) * out_h1 * (1 - out_h1)  # 0.036350306 * 0.241300709
delta_h2 = (w6 * delta_o1 + w8 * delta_o2) * out_h2 * (1 - out_h2)
dE_dw1 = delta_h1 * i1                              # 0.000438568

# update
w5_new = w5 - lr * dE_dw5                            # 0.35891648
w6_new = w6 - lr * delta_o1 * out_h2                 # 0.408666186
w7_new = w7 - lr * delta_o2 * out_h1                 # 0.511301270
w8_new = w8 - lr * delta_o2 * out_h2                 # 0.561370121
w1_new = w1 - lr * dE_dw1                            # 0.149780716
w2_new = w2 - lr * delta_h1 * i2                     # 0.19956143
w3_new = w3 - lr * delta_h2 * i1                     # 0.24975114
w4_new = w4 - lr * delta_h2 * i2                     # 0.29950229


def near(a, b, tol=1e-12):
    return abs(a - b) <= tol * max(1.0, abs(b))


def test_hand_arithmetic_matches_the_textbook():
    # the rounded values printed in the worked example
    for got, printed in [(net_h1, 0.3775), (out_h1, 0.593269992), (out_h2, 0.596884378), (net_o1, 1.105905967),
                         (out_o1, 0.75136507), (out_o2, 0.772928465), (E_o1, 0.274811083), (E_o2, 0.023560026),
                         (E_total, 0.298371109), (delta_o1, 0.138498562), (dE_dw5, 0.082167041),
                         (w5_new, 0.35891648), (w6_new, 0.408666186), (w7_new, 0.511301270), (w8_new, 0.561370121),
                         (w1_new, 0.149780716), (w2_new, 0.19956143), (w3_new, 0.24975114), (w4_new, 0.29950229)]:
        assert abs(got - printed) < 1e-8, (got, printed)


def test_trace_of_the_bundled_lesson_equals_the_hand_numbers():
    trace = trace_project(load_project(example_path("lesson_222_sigmoid.vnn")), sample=0)
    fwd = {e["node"]: e for e in trace["forward"]}
    bwd = {e["node"]: e for e in trace["backward"]}
    assert [e["node"] for e in trace["forward"]] == ["net_h", "out_h", "net_o", "out_o"]
    assert fwd["net_h"]["input"] == [0.05, 0.1]
    for got, want in zip(fwd["net_h"]["output"], [net_h1, net_h2]):
        assert near(got, want)
    for got, want in zip(fwd["out_h"]["output"], [out_h1, out_h2]):
        assert near(got, want)
    for got, want in zip(fwd["out_o"]["output"], [out_o1, out_o2]):
        assert near(got, want)
    loss = trace["loss"]
    assert loss["type"] == "half_sse" and near(loss["value"], E_total)
    assert [round(t["value"], 9) for t in loss["terms"]] == [round(E_o1, 9), round(E_o2, 9)]
    assert loss["target"] == [0.01, 0.99]
    for got, want in zip(bwd["net_o"]["grad_output"], [delta_o1, delta_o2]):
        assert near(got, want)
    for got, want in zip(bwd["net_h"]["grad_output"], [delta_h1, delta_h2]):
        assert near(got, want)
    assert near(bwd["net_o"]["param_grads"]["weight"][0][0], dE_dw5)
    assert near(bwd["net_h"]["param_grads"]["weight"][0][0], dE_dw1)
    new = trace["update"]["params"]
    assert all(near(a, b) for a, b in zip(sum(new["net_o"]["weight"], []), [w5_new, w6_new, w7_new, w8_new]))
    assert all(near(a, b) for a, b in zip(sum(new["net_h"]["weight"], []), [w1_new, w2_new, w3_new, w4_new]))
    # the chain rule written out for h1: (w5 * delta_o1 + w7 * delta_o2) * f'(net_h1)
    chain = bwd["net_h"]["detail"]["neurons"][0]
    assert chain["kind"] == "activation_linear" and chain["next"] == "net_o"
    assert [t["w"] for t in chain["terms"]] == [w5, w7]
    assert near(chain["sum"], w5 * delta_o1 + w7 * delta_o2)
    assert near(chain["fprime"], out_h1 * (1 - out_h1))
    # net_h1 written out term by term
    neuron = fwd["net_h"]["detail"]["neurons"][0]
    assert [(t["w"], t["x"]) for t in neuron["terms"]] == [(w1, i1), (w2, i2)]
    assert neuron["bias"] == b1 and near(neuron["z"], 0.3775)
    assert neuron["activation"]["node"] == "out_h" and near(neuron["activation"]["a"], out_h1)
