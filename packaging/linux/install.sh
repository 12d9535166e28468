#!/bin/sh
# Install Deflection Kit from this folder (the unpacked .tar.gz).
#
#   ./install.sh            for you only: ~/.local/lib/deflection-kit, a menu entry, the command
#   sudo ./install.sh --system   for everyone: /opt/deflection-kit, /usr/local/share, /usr/local/bin
#
# Installing a newer version over an older one is an upgrade: the program folder is replaced,
# your records (in ~/.local/share/deflection-kit) are kept, and the database is backed up before
# the new version changes its layout. See docs/install.md.
set -eu

APP_ID=org.deflectionkit.DeflectionKit
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--system" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "install.sh --system: run it as root (sudo)" >&2; exit 1; }
    APP_DIR=/opt/deflection-kit
    SHARE=/usr/local/share
    BIN=/usr/local/bin
elif [ -z "${1:-}" ]; then
    APP_DIR=$HOME/.local/lib/deflection-kit
    SHARE=${XDG_DATA_HOME:-$HOME/.local/share}
    BIN=$HOME/.local/bin
else
    echo "usage: ./install.sh [--system]" >&2
    exit 2
fi

[ -x "$HERE/deflection-kit" ] || { echo "install.sh: run it from the unpacked Deflection Kit folder" >&2; exit 1; }

# Copy beside the old folder first, then swap, so a failed copy leaves the old version working.
mkdir -p "$(dirname "$APP_DIR")"
NEW="$APP_DIR.new.$$"
rm -rf "$NEW"
cp -a "$HERE" "$NEW"
rm -rf "$APP_DIR.old"
[ -d "$APP_DIR" ] && mv "$APP_DIR" "$APP_DIR.old"
mv "$NEW" "$APP_DIR"
rm -rf "$APP_DIR.old"

mkdir -p "$BIN" "$SHARE/applications" "$SHARE/metainfo"
ln -sf "$APP_DIR/deflection-kit" "$BIN/deflection-kit"

# The menu entry starts the program by its full path: ~/.local/bin is not always on PATH.
sed -e "s|^Exec=deflection-kit|Exec=$APP_DIR/deflection-kit|" \
    -e "s|^TryExec=deflection-kit|TryExec=$APP_DIR/deflection-kit|" \
    "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
for icon in "$HERE"/share/icons/hicolor/*/apps/$APP_ID.*; do
    size=$(basename "$(dirname "$(dirname "$icon")")")
    mkdir -p "$SHARE/icons/hicolor/$size/apps"
    cp "$icon" "$SHARE/icons/hicolor/$size/apps/"
done

# Tell the desktop about the new entry and icons (harmless where the tools are missing).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true

echo "Deflection Kit $("$APP_DIR/deflection-kit" --version | sed 's/.*version //') installed in $APP_DIR"
echo "Start it from your applications menu, or run: $BIN/deflection-kit"
case ":$PATH:" in *":$BIN:"*) ;; *) echo "(add $BIN to your PATH to run 'deflection-kit' by name)";; esac
