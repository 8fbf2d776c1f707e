"""Tools for translators of the core's catalog (the Qt side uses pyside6-lupdate).

    python -m visualnn.core.i18n_tools extract [--lang zh] [--add]   # source texts the catalog lacks
    python -m visualnn.core.i18n_tools check [--lang zh]             # missing, stale, empty, glossary

Source texts are the first arguments of `tr`, `trn` (both forms) and `N_` calls written as
literals anywhere in the `visualnn` package (found with `ast`, nothing is imported), plus the
layer registry's texts (help, group, shapes, parameter help, and formulas that hold words).
A text left in English on purpose is listed in `assets/i18n/untranslated_<lang>.tsv` with
the reason; `assets/i18n/glossary_<lang>.tsv` holds the field's standard terms, which every
catalog entry that uses the English term must use.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

from visualnn.core.paths import REPO_ASSETS, find_assets

PACKAGE = Path(__file__).resolve().parents[1]
MARKERS = {"tr": 1, "trn": 2, "N_": 1}   # function -> how many leading literal arguments are sources
FORMULA_WORDS = re.compile(r"\b[a-z]{2,}\s+[a-z]{2,}\b")   # a formula with words ("x = a sample of ...")
SHAPE_WORDS = re.compile(r"(?<![\w\[])[a-z]{2,}(?![\w\]])")   # a shapes text with words ("same as input")


def i18n_dir() -> Path:
    return (find_assets() or REPO_ASSETS) / "i18n"


def _imports_marker(tree: ast.Module) -> dict[str, str]:
    """{local name: marker} for the markers a module imports (`tr as core_tr` counts)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "visualnn.core.i18n":
            names.update({a.asname or a.name: a.name for a in node.names if a.name in MARKERS})
    return names


def code_strings(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Literal texts passed to tr/trn/N_ in the package: text -> ['path:line', ...]."""
    out: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.name == "i18n.py" and path.parent.name == "core":
            continue
        names = _imports_marker(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names):
                continue
            for arg in node.args[:MARKERS[names[node.func.id]]]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    where = f"{path.relative_to(root.parent)}:{node.lineno}"
                    out.setdefault(arg.value, []).append(where)
    return out


def spec_strings() -> dict[str, list[str]]:
    """The layer registry's texts that the palette, the inspector and the layer reference show."""
    from visualnn.core.graph.registry import GROUPS, REGISTRY

    out: dict[str, list[str]] = {}
    for group in GROUPS:
        out.setdefault(group, []).append("layer group")
    for spec in REGISTRY.values():
        texts = [spec.help] + [p.help for p in spec.params]
        if FORMULA_WORDS.search(spec.formula):
            texts.append(spec.formula)
        if SHAPE_WORDS.search(spec.shapes):
            texts.append(spec.shapes)
        for text in texts:
            if text:
                out.setdefault(text, []).append(f"layer {spec.type}")
    return out


def source_strings() -> dict[str, list[str]]:
    out = code_strings()
    for text, where in spec_strings().items():
        out.setdefault(text, []).extend(where)
    return out


def read_catalog(lang: str) -> dict[str, str]:
    path = i18n_dir() / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_catalog(lang: str, entries: dict[str, str]) -> None:
    """Sorted, one entry per line, so merges stay easy."""
    lines = [f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(entries.items())]
    text = "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"
    (i18n_dir() / f"{lang}.json").write_text(text, encoding="utf-8")


def _tsv(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, _, b = line.partition("\t")
            rows.append((a.replace("\\t", "\t").replace("\\n", "\n"), b.strip()))
    return rows


def kept_english(lang: str) -> dict[str, str]:
    """Texts left in English on purpose: text -> reason."""
    return dict(_tsv(i18n_dir() / f"untranslated_{lang}.tsv"))


def glossary(lang: str) -> list[tuple[str, str]]:
    """(English term, translated term), longest English terms first."""
    return sorted(_tsv(i18n_dir() / f"glossary_{lang}.tsv"), key=lambda t: -len(t[0]))


def term_pattern(term: str) -> re.Pattern:
    """The English term as a word, in the singular or plural, any case; not a part of a
    name written as code (`train.loss`, `"nodes"`, `nodes[0]`, `train_loss`)."""
    return re.compile(r"(?<![\w.\-\"'])" + re.escape(term) + r"(?:s|es)?(?![\w\[.\"'])", re.IGNORECASE)


def missing(lang: str) -> dict[str, list[str]]:
    cat, keep = read_catalog(lang), kept_english(lang)
    return {k: v for k, v in source_strings().items() if k not in cat and k not in keep}


def problems(lang: str) -> list[str]:
    """Every way the catalog of `lang` is unfinished, one line each (empty when it is complete)."""
    cat, keep = read_catalog(lang), kept_english(lang)
    sources = source_strings()
    out = [f"missing: {k!r} ({', '.join(v[:2])})" for k, v in missing(lang).items()]
    out += [f"stale (no source uses it): {k!r}" for k in cat if k not in sources]
    out += [f"empty: {k!r}" for k, v in cat.items() if not isinstance(v, str) or not v.strip()]
    out += [f"kept English but also translated: {k!r}" for k in keep if k in cat]
    out += [f"kept English without a reason: {k!r}" for k, why in keep.items() if not why]
    out += [f"stale kept-English entry: {k!r}" for k in keep if k not in sources]
    for k, v in cat.items():
        if isinstance(v, str) and set(re.findall(r"\{(\w*)", k)) != set(re.findall(r"\{(\w*)", v)):
            out.append(f"placeholders differ: {k!r} -> {v!r}")
    out += glossary_problems(lang, cat)
    return out


def glossary_problems(lang: str, cat: dict[str, str]) -> list[str]:
    """Entries whose English uses a glossary term and whose translation lacks its term.
    Placeholders and layer type names (`Embedding`, `Input`: PyTorch class names, never
    translated) are not terms."""
    from visualnn.core.graph.registry import REGISTRY

    terms = glossary(lang)
    out = []
    for k, v in cat.items():
        rest = re.sub(r"\{[^}]*\}", " ", k)
        rest = re.sub(r"\b(" + "|".join(REGISTRY) + r")\b", " ", rest)
        for en, local in terms:
            pat = term_pattern(en)
            if pat.search(rest):
                if local not in v:
                    out.append(f"glossary: {k!r} uses '{en}' but its translation lacks '{local}': {v!r}")
                rest = pat.sub(" ", rest)  # a longer term already checked covers its words
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m visualnn.core.i18n_tools", description=__doc__.splitlines()[0])
    p.add_argument("command", choices=("extract", "check"))
    p.add_argument("--lang", default="zh")
    p.add_argument("--add", action="store_true", help="extract: add the missing texts to the catalog, untranslated")
    args = p.parse_args(argv)
    if args.command == "extract":
        todo = missing(args.lang)
        for text, where in todo.items():
            print(f"{json.dumps(text, ensure_ascii=False)}\t{where[0]}")
        if args.add and todo:
            write_catalog(args.lang, {**read_catalog(args.lang), **{k: "" for k in todo}})
            print(f"added {len(todo)} empty entries to {args.lang}.json", file=sys.stderr)
        return 0
    found = problems(args.lang)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
