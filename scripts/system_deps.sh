#!/usr/bin/env bash
# Make sure the system packages TAC Desk needs are present: install them when running as root
# with apt-get, otherwise print the exact apt-get line and stop.
# Usage: system_deps.sh venv|qt|display|test
set -euo pipefail

need=()
LIBS=$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)
have_lib() { grep -qF "$1" <<< "$LIBS"; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

qt_packages() {
  have_lib 'libGL.so.1' || need+=(libgl1)
  have_lib 'libEGL.so.1' || need+=(libegl1)
  have_lib 'libxkbcommon.so.0' || need+=(libxkbcommon0)
  have_lib 'libglib-2.0.so.0' || need+=(libglib2.0-0)
  have_lib 'libfreetype.so.6' || need+=(libfreetype6)
  have_lib 'libfontconfig.so.1' || need+=(libfontconfig1)
  have_lib 'libdbus-1.so.3' || need+=(libdbus-1-3)
}

case "${1:-qt}" in
  venv)
    py="${PYTHON:-python3}"
    if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
      ver=$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      need+=("python${ver}-venv")
    fi
    ;;
  qt)
    qt_packages
    ;;
  display)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      exit 0  # the app itself explains how to run it without a display
    fi
    if [ -n "${DISPLAY:-}" ]; then
      have_lib 'libxkbcommon-x11.so.0' || need+=(libxkbcommon-x11-0)
      have_lib 'libxcb-cursor.so.0' || need+=(libxcb-cursor0)
      have_lib 'libxcb-icccm.so.4' || need+=(libxcb-icccm4)
      have_lib 'libxcb-keysyms.so.1' || need+=(libxcb-keysyms1)
      have_lib 'libxcb-shape.so.0' || need+=(libxcb-shape0)
    fi
    ;;
  test)
    qt_packages
    have_cmd pdftotext || need+=(poppler-utils)
    have_cmd khal || need+=(khal)
    ;;
esac

[ ${#need[@]} -eq 0 ] && exit 0

line="apt-get install -y ${need[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages TAC Desk needs: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "TAC Desk needs these system packages. Install them with:" >&2
  echo "  sudo $line" >&2
  exit 1
fi
