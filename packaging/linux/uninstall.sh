#!/bin/sh
# Remove Deflection Kit (the program, its menu entry and icons). Your records stay where they
# are: the data folder is never touched here. See docs/install.md to remove it too.
#
#   ~/.local/lib/deflection-kit/uninstall.sh           for a per-user install
#   sudo /opt/deflection-kit/uninstall.sh --system     for a system-wide install
set -eu

APP_ID=org.deflectionkit.DeflectionKit

if [ "${1:-}" = "--system" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "uninstall.sh --system: run it as root (sudo)" >&2; exit 1; }
    APP_DIR=/opt/deflection-kit
    SHARE=/usr/local/share
    BIN=/usr/local/bin
elif [ -z "${1:-}" ]; then
    APP_DIR=$HOME/.local/lib/deflection-kit
    SHARE=${XDG_DATA_HOME:-$HOME/.local/share}
    BIN=$HOME/.local/bin
else
    echo "usage: uninstall.sh [--system]" >&2
    exit 2
fi

rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
rm -f "$SHARE"/icons/hicolor/*/apps/$APP_ID.png "$SHARE"/icons/hicolor/*/apps/$APP_ID.svg
if [ -L "$BIN/deflection-kit" ]; then rm -f "$BIN/deflection-kit"; fi
rm -rf "$APP_DIR"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true

DATA="${XDG_DATA_HOME:-$HOME/.local/share}/deflection-kit"
if [ "${1:-}" = "--system" ]; then DATA='~/.local/share/deflection-kit'; fi
echo "Deflection Kit removed from $APP_DIR."
echo "Records were kept in $DATA: the database, its backups, certificate keys and settings."
echo "To delete them for good (export or back up what you must keep first), run"
echo "    rm -r $DATA"
if [ "${1:-}" = "--system" ]; then echo "as each user who used Deflection Kit."; fi
