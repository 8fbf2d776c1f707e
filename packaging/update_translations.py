"""Extract the GUI's texts into the Qt catalogs and compile them (run after GUI texts change).

    python packaging/update_translations.py            # lupdate, then lrelease
    python packaging/update_translations.py --check    # also fail on unfinished entries

1. `pyside6-lupdate $(find visualnn/gui -name '*.py' | sort) -no-obsolete -locations relative
   -source-language en -target-language zh_CN -ts assets/i18n/visualnn_zh_CN.ts` collects
   every self.tr / translate / QT_TRANSLATE_NOOP text of visualnn/gui into the .ts (new
   ones marked unfinished).
2. Translate the new entries: open the .ts in Qt Linguist (`pyside6-linguist`), or edit
   its <translation> elements by hand.
3. `pyside6-lrelease assets/i18n/visualnn_zh_CN.ts -qm assets/i18n/visualnn_zh_CN.qm`
   compiles the catalog the app loads.

Both tools ship with PySide6 (PySide6-Essentials). The core's and the command line's texts
live in assets/i18n/<lang>.json instead (no Qt there).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "visualnn" / "gui"
LOCALES = ("zh_CN",)


def ts_path(locale: str) -> Path:
    return ROOT / "assets" / "i18n" / f"visualnn_{locale}.ts"


def tool(name: str) -> str:
    """The path of a PySide6 tool (pyside6-lupdate, pyside6-lrelease)."""
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6-Essentials)")
    return found


def source_files(sources: Path = SOURCES) -> list[str]:
    """The Python files of `sources`, relative to the repository (lupdate reads .py files
    only when named; scanning a folder skips them)."""
    return [str(p.relative_to(ROOT)) for p in sorted(sources.rglob("*.py"))]


def lupdate(ts: Path, locale: str = "zh_CN", sources: Path = SOURCES, keep_obsolete: bool = False) -> None:
    """Collect the texts of `sources` into `ts` (kept translations stay, new texts are unfinished)."""
    args = [tool("pyside6-lupdate"), *source_files(sources), "-locations", "relative", "-silent",
            "-source-language", "en", "-target-language", locale]
    if not keep_obsolete:
        args.append("-no-obsolete")
    subprocess.run(args + ["-ts", str(ts.relative_to(ROOT) if ts.is_relative_to(ROOT) else ts)], check=True, cwd=ROOT)


def lrelease(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)
    return qm


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry without a finished translation."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type") if tr is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = "".join(tr.itertext()).strip() if tr is not None else ""
            if kind == "unfinished" or not text:
                out.append((name, msg.findtext("source") or ""))
    return out


def main(argv: list[str]) -> int:
    for locale in LOCALES:
        ts = ts_path(locale)
        lupdate(ts, locale)
        qm = lrelease(ts)
        left = unfinished(ts)
        print(f"{ts.relative_to(ROOT)}: {len(left)} unfinished; compiled {qm.relative_to(ROOT)}")
        for ctx, src in left[:50]:
            print(f"  [{ctx}] {src}")
        if left and "--check" in argv:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
