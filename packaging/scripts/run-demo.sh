#!/usr/bin/env bash
# Builds Warroom and starts it on the embedded backend with the demo workspace.
# Usage: bash packaging/scripts/run-demo.sh [extra warroom arguments]
# Without a display it starts under xvfb-run (or offscreen) and says so.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

warroom_apt_install "${WARROOM_BUILD_PACKAGES[@]}"
warroom_build dev warroom

app="$WARROOM_ROOT/build/dev/app/warroom/warroom"
args=(--demo "$@")
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$app" "${args[@]}"
elif command -v xvfb-run >/dev/null 2>&1; then
    warroom_log "no display found: starting Warroom under xvfb-run (a virtual X display)."
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "${args[@]}"
else
    warroom_log "no display found: starting Warroom with QT_QPA_PLATFORM=offscreen."
    QT_QPA_PLATFORM=offscreen exec "$app" "${args[@]}"
fi
