"""Formulas of lesson texts, rendered without a network or a TeX installation: the common
school subset of TeX (fractions, sub- and superscripts, Greek letters, sums, partial
derivatives, arrows, accents) becomes rich text (HTML with <sub>/<sup>) that Qt's text
document shows legibly.

    md, pieces = split_math("The loss $L = \\frac{1}{n} \\sum_i e_i^2$ falls.")
    # md has a placeholder where the formula was; pieces[0].html is the formula as HTML
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω", "partial": "∂", "nabla": "∇", "infty": "∞", "cdot": "·", "times": "×",
    "div": "÷", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠",
    "approx": "≈", "sim": "∼", "equiv": "≡", "propto": "∝", "leftarrow": "←", "rightarrow": "→", "to": "→",
    "gets": "←", "Leftarrow": "⇐", "Rightarrow": "⇒", "leftrightarrow": "↔", "mapsto": "↦", "sum": "∑",
    "prod": "∏", "int": "∫", "ldots": "…", "cdots": "⋯", "dots": "…", "in": "∈", "notin": "∉",
    "subset": "⊂", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃", "odot": "⊙", "otimes": "⊗",
    "oplus": "⊕", "circ": "∘", "ell": "ℓ", "prime": "′", "lbrace": "{", "rbrace": "}", "langle": "⟨",
    "rangle": "⟩", "lVert": "‖", "rVert": "‖", "|": "‖", "quad": "\u2003", "qquad": "\u2003\u2003",
    ",": "\u2009", ";": "\u2005", ":": "\u2005", "!": "", " ": " ", "{": "{", "}": "}", "%": "%", "$": "$",
    "_": "_", "#": "#", "&": "&",
}
FUNCTIONS = ("tanh", "sinh", "cosh", "sin", "cos", "tan", "exp", "log", "ln", "max", "min", "arg", "argmax",
             "argmin", "softmax", "ReLU", "sign", "lim", "det")
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "overline": "\u0305"}
FRACTIONS = ("frac", "tfrac", "dfrac")
TEXTS = ("text", "mathrm", "textrm", "operatorname", "mathbf", "boldsymbol", "mathit", "mathcal", "mathbb")
SPACED = {"cdot", "times", "div", "pm", "mp", "le", "leq", "ge", "geq", "neq", "ne", "approx", "sim", "equiv",
          "propto", "leftarrow", "rightarrow", "to", "gets", "Leftarrow", "Rightarrow", "leftrightarrow", "mapsto",
          "in", "notin", "odot", "otimes", "oplus"}
VULGAR = {"1/2": "½", "1/3": "⅓", "2/3": "⅔", "1/4": "¼", "3/4": "¾"}
SIZERS = ("left", "right", "big", "Big", "bigg", "Bigg", "displaystyle", "limits")


class _Reader:
    def __init__(self, src: str):
        self.s, self.i = src, 0

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def command(self) -> str:
        self.i += 1  # the backslash
        j = self.i
        while j < len(self.s) and self.s[j].isalpha():
            j += 1
        if j == self.i:  # a one-character command: \, \{ \|
            j += 1
        name, self.i = self.s[self.i:j], j
        if name.isalpha() and self.peek() == " ":  # TeX eats the space after a command's name
            self.i += 1
        return name


def _italic(text: str) -> str:
    """Letters in italics (variables), the rest upright; text is already escaped."""
    return re.sub(r"([A-Za-z]+)", r"<i>\1</i>", text)


def _atom(r: _Reader) -> str:
    """One argument: a {group}, a command or one character, as HTML."""
    while r.peek() == " ":
        r.i += 1
    c = r.peek()
    if c == "{":
        r.i += 1
        out = _sequence(r, "}")
        r.i += 1
        return out
    if c == "\\":
        return _command(r, r.command())
    r.i += 1
    return _char(c)


def _char(c: str) -> str:
    if c == "-":
        return "\u2212"
    if c.isalpha():
        return f"<i>{html.escape(c)}</i>"
    return html.escape(c)


def _raw_group(r: _Reader) -> str:
    """A {group}'s text as it is (for \\text)."""
    while r.peek() == " ":
        r.i += 1
    if r.peek() != "{":
        c = r.peek()
        r.i += len(c)
        return html.escape(c)
    depth, j = 0, r.i
    while j < len(r.s):
        depth += {"{": 1, "}": -1}.get(r.s[j], 0)
        if depth == 0:
            break
        j += 1
    text, r.i = r.s[r.i + 1:j], j + 1
    return html.escape(text)


def _wrap(part: str) -> str:
    """Parentheses around a fraction's side when it is more than one term."""
    plain = re.sub(r"<[^>]+>", "", part)
    return part if len(plain) <= 1 or re.fullmatch(r"[\w.′∂]+", plain) else f"({part})"


def _command(r: _Reader, name: str) -> str:
    if name in FRACTIONS:
        num, den = _atom(r), _atom(r)
        if f"{num}/{den}" in VULGAR:
            return VULGAR[f"{num}/{den}"]
        return f"\u2009{_wrap(num)}\u2009/\u2009{_wrap(den)}\u2009"
    if name == "sqrt":
        return f"√({_atom(r)})"
    if name in ACCENTS:
        inner = _atom(r)
        plain = re.sub(r"<[^>]+>", "", inner)
        if len(plain) == 1:
            return inner.replace(plain, unicodedata.normalize("NFC", plain + ACCENTS[name]))
        return inner + ACCENTS[name]
    if name in TEXTS:
        text = _raw_group(r)
        return f"<b>{text}</b>" if name in ("mathbf", "boldsymbol") else text
    if name in SIZERS:
        return ""
    if name in FUNCTIONS:
        return name
    if name in SYMBOLS:
        symbol = html.escape(SYMBOLS[name])
        return f" {symbol} " if name in SPACED else symbol
    return html.escape(name)  # an unknown command shows its name, readable


def _sequence(r: _Reader, end: str = "") -> str:
    out = []
    while r.i < len(r.s) and r.peek() != end:
        c = r.peek()
        if c in "^_":
            r.i += 1
            tag = "sup" if c == "^" else "sub"
            out.append(f"<{tag}>{_atom(r)}</{tag}>")
        elif c == "{":
            out.append(_atom(r))
        elif c == "\\":
            out.append(_command(r, r.command()))
        elif c in "=<>+" and not end:  # relations and plus get room at the top level
            r.i += 1
            out.append(f" {html.escape(c)} ")
        else:
            r.i += 1
            out.append(_char(c))
    return "".join(out)


def tex_to_html(src: str) -> str:
    """A TeX formula (without its dollars) as HTML: letters in italics, sub- and
    superscripts as <sub>/<sup>, commands as their Unicode symbols, \\frac{a}{b} as a / b."""
    text = _sequence(_Reader(src.strip())).replace("</i><i>", "")
    return re.sub(r" {2,}", " ", text).strip(" \u2009")


def tex_to_text(src: str) -> str:
    """The formula as plain Unicode text (tooltips, the plain-text fallback)."""
    out = tex_to_html(src)
    out = re.sub(r"<sup>(.*?)</sup>", r"^\1", out)
    out = re.sub(r"<sub>(.*?)</sub>", r"_\1", out)
    return html.unescape(re.sub(r"<[^>]+>", "", out))


@dataclass(frozen=True)
class MathPiece:
    key: str       # the placeholder left in the Markdown
    html: str      # the formula as HTML
    display: bool  # a $$display$$ formula (its own centred line)


_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\d)", re.S)
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def split_math(markdown: str) -> tuple[str, list[MathPiece]]:
    """Markdown with each $inline$ and $$display$$ formula replaced by a placeholder
    (letters only, so Markdown leaves it alone), and the formulas as HTML. Code spans are
    left as they are; \\$ is a dollar sign."""
    pieces: list[MathPiece] = []

    def math(m: re.Match) -> str:
        display = m.group(1) is not None
        key = f"VNNMATH{len(pieces)}X"
        pieces.append(MathPiece(key, tex_to_html(m.group(1) if display else m.group(2)), display))
        return f"\n\n{key}\n\n" if display else key

    parts = _CODE.split(markdown)
    out = [p if i % 2 else _MATH.sub(math, p).replace("\\$", "$") for i, p in enumerate(parts)]
    return "".join(out), pieces
