"""Numbers and names as the step-through shows them."""

from __future__ import annotations

import numpy as np

from visualnn.core.i18n import tr

MAX_SHOWN = 12  # values written out per list before "..." (views let the user expand)


def check_digits(digits) -> int:
    from visualnn.core.backprop.errors import TraceError

    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or not 1 <= digits <= 9:
        raise TraceError(tr("digits must be a whole number from 1 to 9, not {digits!r}", digits=digits))
    return int(digits)


def num(v, digits: int = 4) -> str:
    """A value with `digits` significant digits: 0.5933, 1.106, -0.03810, 2.5e-05."""
    if isinstance(v, (bool, np.bool_)):
        return str(v)
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    s = f"{float(v):.{digits}g}"
    return "0" if s == "-0" else s


def term(v, digits: int = 4) -> str:
    """A value inside a product or sum: negatives in parentheses."""
    s = num(v, digits)
    return f"({s})" if s.startswith("-") else s


def vec(values, digits: int = 4, limit: int = MAX_SHOWN) -> str:
    """A list (nested lists flattened) as [a, b, c, ...]."""
    flat = np.asarray(values, dtype=float).reshape(-1)
    shown = ", ".join(num(v, digits) for v in flat[:limit])
    more = ", ... " + tr("({n} more)", n=flat.size - limit) if flat.size > limit else ""
    return f"[{shown}{more}]"


def sub(index) -> str:
    """An index as a subscript for people (1-based): (0,) -> '1', (0, 2) -> '1,3'; [] -> ''."""
    idx = [int(i) + 1 for i in (index if isinstance(index, (list, tuple)) else [index])]
    if all(i < 10 for i in idx) and len(idx) <= 2:
        return "".join(str(i) for i in idx)
    return ",".join(str(i) for i in idx)


def pos(index) -> str:
    """A 0-based position as the trace counts it: [0, 2, 1]."""
    return "[" + ", ".join(str(int(i)) for i in index) + "]"
