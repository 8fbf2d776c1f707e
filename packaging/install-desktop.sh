#!/bin/sh
# Register visualnn with a Linux desktop: the menu entry, the icons, and the .vnn file
# type (double-clicking a project opens it in visualnn).
#
#   packaging/install-desktop.sh [--app DIR] [--system] [--uninstall]
#
#   --app DIR    the built app folder (dist/visualnn): the menu entry starts DIR/visualnn.
#                Run from inside that folder, it is found by itself. Without it the entry
#                starts `visualnn-app` from the PATH (as `pip install visualnn` puts it).
#   --system     for every user, under /usr/local/share (run as root); default: this user,
#                under ${XDG_DATA_HOME:-~/.local/share}.
#   --uninstall  remove what an earlier run installed.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP=""
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
SYSTEM=0
UNINSTALL=0
while [ $# -gt 0 ]; do
    case "$1" in
        --app) APP=$(cd "$2" && pwd); shift 2 ;;
        --system) DATA=/usr/local/share; SYSTEM=1; shift ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "install-desktop.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# Inside a built app folder the script sits beside the `visualnn` executable.
if [ -z "$APP" ] && [ -x "$HERE/visualnn" ] && [ -d "$HERE/_internal" ]; then
    APP="$HERE"
fi

# The icons and the two desktop files: in a checkout, or inside the built app.
ICONS=""
for dir in "$HERE/../assets/icons" "$HERE/_internal/visualnn/_assets/icons"; do
    if [ -f "$dir/visualnn.svg" ]; then ICONS=$(cd "$dir" && pwd); break; fi
done
SHARE=""
for dir in "$HERE" "$HERE/../assets/desktop"; do
    if [ -f "$dir/visualnn.desktop" ]; then SHARE="$dir"; break; fi
done
if [ -z "$ICONS" ] || [ -z "$SHARE" ]; then
    echo "install-desktop.sh: cannot find the icons and visualnn.desktop next to $HERE" >&2
    exit 1
fi

SIZES="16 24 32 48 64 128 256 512"

refresh() {
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -f -t "$DATA/icons/hicolor" || true
}

if [ "$UNINSTALL" = 1 ]; then
    rm -f "$DATA/applications/visualnn.desktop" "$DATA/mime/packages/visualnn.xml"
    for size in $SIZES; do
        rm -f "$DATA/icons/hicolor/${size}x${size}/apps/visualnn.png" \
              "$DATA/icons/hicolor/${size}x${size}/mimetypes/application-x-visualnn.png"
    done
    rm -f "$DATA/icons/hicolor/scalable/apps/visualnn.svg" \
          "$DATA/icons/hicolor/scalable/mimetypes/application-x-visualnn.svg"
    refresh
    echo "visualnn: removed from $DATA"
    exit 0
fi

for size in $SIZES; do
    for kind in apps mimetypes; do
        mkdir -p "$DATA/icons/hicolor/${size}x${size}/$kind"
    done
    cp "$ICONS/visualnn-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/visualnn.png"
    cp "$ICONS/visualnn-$size.png" "$DATA/icons/hicolor/${size}x${size}/mimetypes/application-x-visualnn.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps" "$DATA/icons/hicolor/scalable/mimetypes"
cp "$ICONS/visualnn.svg" "$DATA/icons/hicolor/scalable/apps/visualnn.svg"
cp "$ICONS/visualnn.svg" "$DATA/icons/hicolor/scalable/mimetypes/application-x-visualnn.svg"

mkdir -p "$DATA/mime/packages" "$DATA/applications"
cp "$SHARE/visualnn-mime.xml" "$DATA/mime/packages/visualnn.xml"
if [ -n "$APP" ]; then
    sed -e "s|^Exec=.*|Exec=\"$APP/visualnn\" %f|" -e "s|^TryExec=.*|TryExec=$APP/visualnn|" \
        "$SHARE/visualnn.desktop" > "$DATA/applications/visualnn.desktop"
else
    cp "$SHARE/visualnn.desktop" "$DATA/applications/visualnn.desktop"
fi
chmod 644 "$DATA/applications/visualnn.desktop"
refresh
if [ "$SYSTEM" = 0 ] && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default visualnn.desktop application/x-visualnn || true
fi
echo "visualnn: menu entry, icons and the .vnn file type installed under $DATA"
if [ -n "$APP" ]; then echo "  the entry starts $APP/visualnn"; else echo "  the entry starts visualnn-app from the PATH"; fi
