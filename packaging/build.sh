#!/bin/sh
# Build the visualnn desktop app (Linux, macOS) into dist/visualnn/ (and dist/visualnn.app
# on macOS), then report its size. Run from anywhere; builds in the repository root.
#
#   packaging/build.sh            # icons, then the app
#   packaging/build.sh --clean    # start from an empty build/ folder
#
# Needs: python with visualnn's dependencies (CPU PyTorch is enough and keeps the app
# small), plus pyinstaller:  pip install -e ".[build]"
# Windows: see packaging/README.md (the same spec, run from PowerShell).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3}
CLEAN=""
[ "${1:-}" = "--clean" ] && CLEAN="--clean"

"$PYTHON" -c "import PyInstaller, torch, PySide6" 2>/dev/null || {
    echo "build.sh: needs pyinstaller, torch and PySide6 in $PYTHON (pip install -e '.[build]')" >&2
    exit 1
}

echo "== icons"
"$PYTHON" packaging/make_icons.py

echo "== app (PyInstaller, one folder)"
"$PYTHON" -m PyInstaller --noconfirm $CLEAN --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/visualnn.spec

echo "== result"
du -sh dist/visualnn
[ -d dist/visualnn.app ] && du -sh dist/visualnn.app
echo "run it:        dist/visualnn/visualnn [project.vnn]"
case "$(uname -s)" in
    Linux) echo "menu + .vnn:   dist/visualnn/install-desktop.sh" ;;
esac
