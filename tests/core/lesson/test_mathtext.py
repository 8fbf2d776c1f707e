"""Lesson formulas become legible rich text without TeX or a network."""

from visualnn.core.lesson.mathtext import split_math, tex_to_html, tex_to_text


def test_common_formulas():
    assert tex_to_text(r"\hat{y} = w x + b") == "ŷ = w x + b"
    assert tex_to_text(r"\sigma(z) = 1 / (1 + e^{-z})") == "σ(z) = 1 / (1 + e^−z)"
    assert tex_to_text(r"E = \tfrac{1}{2}(t - o)^2") == "E = ½(t − o)^2"
    assert tex_to_text(r"\frac{\partial E}{\partial w_5}") == "∂E\u2009/\u2009∂w_5"
    assert tex_to_text(r"\frac{a+b}{2}") == "(a+b)\u2009/\u20092"
    assert tex_to_text(r"y = [x_1 \cdot x_2 \ge 0]") == "y = [x_1 · x_2 ≥ 0]"
    assert tex_to_text(r"\text{softmax}(z)_k") == "softmax(z)_k"


def test_html_uses_sub_and_sup_and_escapes():
    out = tex_to_html(r"\sum_{i=1}^{n} x_i^2 < a")
    assert out == "∑<sub><i>i</i>=1</sub><sup><i>n</i></sup> <i>x</i><sub><i>i</i></sub><sup>2</sup> &lt; <i>a</i>"


def test_split_math_keeps_code_and_dollars():
    md, pieces = split_math("Costs \\$5, $x_1$ here\n$$a^2$$\n`$not$`")
    assert [p.display for p in pieces] == [False, True]
    assert pieces[0].key in md and pieces[1].key in md
    assert "$5" in md and "`$not$`" in md
    assert pieces[1].html == "<i>a</i><sup>2</sup>"
