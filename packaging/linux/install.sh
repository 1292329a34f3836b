#!/bin/sh
# Install TAC Desk for the current user: the program under ~/.local/opt/tac-desk, a `tac-desk` command in
# ~/.local/bin, the icon and a menu entry. Run from the unpacked folder: ./install.sh  (./install.sh --remove undoes it)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/tac-desk
bin=$HOME/.local/bin
if [ "${1:-}" = "--remove" ]; then
  rm -rf "$opt" "$bin/tac-desk" "$data/applications/tac-desk.desktop" "$data/icons/hicolor/256x256/apps/tac-desk.png"
  echo "TAC Desk removed (your records are kept)."
  exit 0
fi
mkdir -p "$opt" "$bin" "$data/applications" "$data/icons/hicolor/256x256/apps"
rm -rf "$opt"
cp -R "$here" "$opt"
ln -sf "$opt/tac-desk" "$bin/tac-desk"
cp "$here/tac-desk.png" "$data/icons/hicolor/256x256/apps/tac-desk.png"
sed -e "s|^Exec=.*|Exec=$opt/tac-desk gui|" -e "s|^TryExec=.*|TryExec=$opt/tac-desk|" -e "s|^Icon=.*|Icon=tac-desk|" \
  "$here/tac-desk.desktop" > "$data/applications/tac-desk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "TAC Desk installed: run 'tac-desk' or pick it from the applications menu."
