"""Texts in the user's language, without Qt: the core, the command line, step-through
texts, validation messages and worksheets translate through here.

    tr("{n} units never fire", n=3)      # the catalog's text for the UI language, formatted
    trn("{n} problem", "{n} problems", n)  # the same, with the English singular or plural
    N_("Fully connected layer")          # marks a text kept in data, translated where shown
    pick({"en": "Spiral", "zh": "螺旋"})   # a bilingual field of a project or lesson

Catalogs are JSON files `assets/i18n/<lang>.json` mapping the English source text to its
translation (English needs none). The language comes from `set_language` (the app's
View > Language, `--lang`), else `VISUALNN_LANG`, else the locale (LC_ALL, LC_MESSAGES,
LANG, LANGUAGE), else English.
"""

from __future__ import annotations

import json
import os
import unicodedata
from functools import lru_cache

from visualnn.core.paths import find_assets

LANGUAGES = ("en", "zh")
SOURCE_LANGUAGE = "en"

_current: str | None = None


def normalize(code: str | None) -> str | None:
    """'zh_CN.UTF-8', 'zh-Hans', 'zh' -> 'zh'; 'en_US' -> 'en'; unknown or empty -> None."""
    if not code:
        return None
    base = code.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None


def detect_language() -> str:
    """The language the environment asks for: VISUALNN_LANG, else the locale, else English."""
    explicit = normalize(os.environ.get("VISUALNN_LANG"))
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            for part in value.split(":"):
                code = normalize(part)
                if code:
                    return code
            if var != "LANGUAGE":  # a set locale that is not one of ours means English
                return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def language() -> str:
    """The language texts are shown in now."""
    global _current
    if _current is None:
        _current = detect_language()
    return _current


def set_language(code: str | None) -> str:
    """Use `code` ('en', 'zh', a locale name) from now on; None goes back to the environment's.
    Returns the language in effect."""
    global _current
    _current = normalize(code) or detect_language()
    return _current


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """The catalog of `lang`: English source text -> translation (empty for English or
    when the file is missing)."""
    if lang == SOURCE_LANGUAGE:
        return {}
    assets = find_assets()
    if assets is None:
        return {}
    path = assets / "i18n" / f"{lang}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and v}


def tr(source: str, /, **fields) -> str:
    """`source` in the current language, with `{name}` placeholders filled from `fields`."""
    text = catalog(language()).get(source, source)
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation with broken placeholders: the English
        return source.format(**fields)


def trn(singular: str, plural: str, n: int, /, **fields) -> str:
    """`singular` when n == 1 else `plural`, in the current language, formatted with `n` and
    `fields`. Each form has its own catalog entry (Chinese writes both the same way)."""
    return tr(singular if n == 1 else plural, n=n, **fields)


def N_(source: str, /) -> str:
    """Marks `source` for the catalog without translating it now: a text kept in data (a
    layer's help, a stage title's source) that `tr` translates where it is shown."""
    return source


def with_text(field, text: str, lang: str | None = None):
    """`field` (a string or an object by language code) with the language's text set to
    `text`: a bilingual field keeps its other languages, a plain one becomes `text`."""
    if isinstance(field, dict):
        return {**field, (lang or language()): text}
    return text


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pick(text, lang: str | None = None) -> str:
    """A text that may be a string or an object by language code: the language's text,
    else English, else the first one."""
    if isinstance(text, dict):
        lang = lang or language()
        for key in (lang, SOURCE_LANGUAGE):
            if isinstance(text.get(key), str):
                return text[key]
        for value in text.values():
            if isinstance(value, str):
                return value
        return ""
    return "" if text is None else str(text)
