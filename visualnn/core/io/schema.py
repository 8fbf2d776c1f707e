"""The `.vnn` schema: every field's type and range, checked before anything is built.

`parse_text` turns the file's text into plain JSON values without deep recursion or huge
numbers; `check_document` walks the decoded document and raises `SchemaError` naming the
field, its value (shortened) and what is allowed. Unknown keys are accepted (and kept on
save by the loader); additive sections (`lesson`, `runs`, `init`, new data kinds) are
checked for JSON sanity (finite numbers, bounded sizes) and their known keys' types.

The limits below are what one student's laptop can hold; each message names its limit.
"""

from __future__ import annotations

import json
import math
import re

from visualnn.core.i18n import tr

MAX_DEPTH = 64                 # nesting of JSON arrays/objects
MAX_NODES = 20_000
MAX_EDGES = 100_000
MAX_ID_CHARS = 200
MAX_TEXT_CHARS = 100_000       # a name, a description, a path
MAX_INT = 2**53                # integers beyond this lose exactness in JSON readers anyway
MAX_COORD = 1e7                # canvas positions
MAX_TABLE_VALUES = 10_000_000  # inline table data (inputs plus targets)
MAX_STATE_VALUES = 100_000_000  # every tensor of `state` together
MAX_BATCH = 1_000_000
MAX_EPOCHS = 10_000_000
MAX_SEED = 2**32 - 1
VALUE_CHARS = 60               # a value quoted in a message is cut to this length

_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


class SchemaError(ValueError):
    """A field of the project has a wrong type or is out of range; the message names it."""

    def __init__(self, field: str, value, allowed: str):
        self.field, self.allowed = field, allowed
        super().__init__(tr("{field} is {value}; it must be {allowed}", field=field, value=show(value),
                            allowed=allowed))


class Said:
    """A description standing for a value in a message ("nested 200000 levels deep")."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def num(x) -> str:
    """A limit as a message writes it: 1000000, 0.9, 1e-08."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e16 else f"{x:g}"


def show(value) -> str:
    """A value as a message quotes it: JSON-like, at most VALUE_CHARS characters."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int) and abs(value) >= 10**18:
        return tr("a number of {n} digits", n=len(str(abs(value))) if value.bit_length() < 14000 else "> 4300")
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (list, dict)):
        text = _short_json(value)
    elif isinstance(value, str):
        text = json.dumps(value[:VALUE_CHARS + 1], ensure_ascii=False)
    else:
        text = repr(value)
    return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS - 1] + "…"


def _short_json(value) -> str:
    if isinstance(value, list):
        inner = ", ".join(_short_json(v) for v in value[:8]) + (", …" if len(value) > 8 else "")
        return "[" + inner + "]"
    if isinstance(value, dict):
        items = list(value.items())[:6]
        inner = ", ".join(f"{json.dumps(str(k)[:20])}: {_short_json(v)}" for k, v in items)
        return "{" + inner + (", …" if len(value) > 6 else "") + "}"
    return show(value)


# -- parsing -------------------------------------------------------------------------------
def nesting_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings (no recursion, linear time)."""
    import numpy as np

    bare = _STRING_RE.sub('""', text) if '"' in text else text
    raw = np.frombuffer(bare.encode("utf-8", "replace"), dtype=np.uint8)
    step = (raw == ord("[")).astype(np.int32) + (raw == ord("{"))
    step -= (raw == ord("]")).astype(np.int32) + (raw == ord("}"))
    return int(np.cumsum(step).max()) if len(step) else 0


class HugeNumber:
    """An integer too long to convert (Python refuses over 4,300 digits): kept as its length,
    so the schema can name the field that holds it."""

    def __init__(self, digits: int):
        self.digits = digits

    def __repr__(self) -> str:
        return tr("a number of {n} digits", n=self.digits)


def _parse_int(text: str):
    digits = len(text.lstrip("-"))
    return HugeNumber(digits) if digits > 4000 else int(text)


def parse_text(text: str):
    """The document of a `.vnn` file's text; raises SchemaError(field "file") when the text
    is not JSON or nests deeper than MAX_DEPTH. NaN/Infinity are read (and refused by
    `check_document` with the field that holds them)."""
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise SchemaError(tr("the file"), Said(tr("nested {n} levels deep", n=depth)),
                          tr("at most {n} levels deep", n=MAX_DEPTH))
    return json.loads(text, parse_int=_parse_int)


# -- the walk ---------------------------------------------------------------------------------
def _where(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def check_json(value, path: str, allow_nonfinite: bool = False) -> None:
    """Every number finite (unless allowed) and every integer within ±MAX_INT."""
    stack = [(value, path)]
    while stack:
        v, p = stack.pop()
        if isinstance(v, bool) or v is None or isinstance(v, str):
            continue
        if isinstance(v, int):
            if abs(v) > MAX_INT:
                raise SchemaError(p, v, tr("a number between {lo} and {hi}", lo=-MAX_INT, hi=MAX_INT))
        elif isinstance(v, float):
            if not allow_nonfinite and not math.isfinite(v):
                raise SchemaError(p, v, tr("a finite number"))
        elif isinstance(v, list):
            stack.extend((x, _where(p, i)) for i, x in enumerate(v))
        elif isinstance(v, dict):
            stack.extend((x, _where(p, k)) for k, x in v.items())
        else:  # a HugeNumber
            raise SchemaError(p, v, tr("a number between {lo} and {hi}", lo=-MAX_INT, hi=MAX_INT))


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def need_type(value, path: str, kinds: tuple, allowed: str):
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise SchemaError(path, value, allowed)
    return value


def need_text(value, path: str, limit: int = MAX_TEXT_CHARS) -> None:
    if isinstance(value, dict):  # {"en": ..., "zh": ...}
        for lang, text in value.items():
            need_text(text, _where(path, lang), limit)
        return
    need_type(value, path, (str,), tr("a text, or an object of texts by language"))
    if len(value) > limit:
        raise SchemaError(path, value, tr("a text of at most {n} characters", n=limit))


def need_number(value, path: str, lo=None, hi=None, whole: bool = False, low_open: bool = False):
    what = tr("a whole number") if whole else tr("a number")
    if lo is not None and hi is not None:
        allowed = tr("{what} from {lo} to {hi}", what=what, lo=num(lo), hi=num(hi))
        if low_open:
            allowed = tr("{what} above {lo} and at most {hi}", what=what, lo=num(lo), hi=num(hi))
    elif lo is not None:
        allowed = tr("{what} above {lo}", what=what, lo=num(lo)) if low_open else \
            tr("{what} of at least {lo}", what=what, lo=num(lo))
    else:
        allowed = what
    if not _is_number(value) or not math.isfinite(value) or (whole and value != int(value)):
        raise SchemaError(path, value, allowed)
    if (lo is not None and (value < lo or (low_open and value == lo))) or (hi is not None and value > hi):
        raise SchemaError(path, value, allowed)
    return value


def need_choice(value, path: str, choices) -> None:
    if not isinstance(value, str) or value not in choices:
        raise SchemaError(path, value, tr("one of {choices}", choices=", ".join(choices)))


def check_document(doc) -> None:
    """Raise SchemaError for the first field of `doc` (a decoded `.vnn`) that is out of the schema.
    Format and version are the loader's to check first."""
    from visualnn.core.io import schema_sections as sections

    if not isinstance(doc, dict):
        raise SchemaError(tr("the file"), doc, tr("a JSON object"))
    for key in ("name", "description"):
        if key in doc:
            need_text(doc[key], key)
    sections.check_nodes(doc.get("nodes", []))
    sections.check_edges(doc.get("edges", []))
    sections.check_data(doc.get("data", {}))
    sections.check_train(doc.get("train", {}))
    if doc.get("state") is not None:
        sections.check_state(doc["state"])
    for key, kinds, allowed in (("lesson", (dict,), tr("an object")), ("runs", (list, dict), tr("a list"))):
        if key in doc:
            need_type(doc[key], key, kinds, allowed)
    for key in doc:  # the rest, and additions this version does not know: finite, bounded numbers
        if key != "state":
            check_json(doc[key], key)
