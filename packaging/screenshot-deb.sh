#!/usr/bin/env bash
# Starts the app from the unpacked .deb under Xvfb, measures start-up, and takes a screenshot.
#
#   packaging/screenshot-deb.sh [--no-cds] [SECONDS_BEFORE_SHOT]   (needs xvfb, xdotool, imagemagick; default 8 s)
#
# The unpacked tree first gets the class-data-sharing archive the package's postinst makes on a real install
# (lib/app/cds-archive.sh create); --no-cds measures without it.
#
# Start-up is reported two ways:
#  - window: launcher start -> a window named "Stock Monitor" is mapped (xdotool), measured here;
#  - first frame with data: the app's own log line "first frame with data after N ms" (printed when the system
#    property stockmonitor.startupProbe=true is set; N counted from the process's start, read from /proc).
# Output: target/installers/screenshot.png, and the timings on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
cds=true
if [ "${1:-}" = --no-cds ]; then cds=false; shift; fi
wait_s=${1:-8}
deb=$(ls target/installers/stock-monitor_*.deb | head -1)
work=$(mktemp -d "${TMPDIR:-/tmp}/stock-monitor-shot.XXXXXX")
display=:98
APP_PID=""
XVFB_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$work/root"
if $cds; then "$work/root/opt/stock-monitor/lib/app/cds-archive.sh" create; fi
mkdir -p "$work/home"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.2; done

start_ns=$(date +%s%N)
env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME HOME="$work/home" DISPLAY="$display" \
    JAVA_TOOL_OPTIONS="-Duser.home=$work/home -Dstockmonitor.startupProbe=true" \
    "$work/root/opt/stock-monitor/bin/stock-monitor" --demo >"$work/app.out" 2>"$work/app.err" &
APP_PID=$!
if DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --name "Stock Monitor" >/dev/null 2>&1; then
    echo "window mapped after $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"
else
    echo "no 'Stock Monitor' window within 60 s" >&2
fi
sleep "$wait_s"
import -window root -display "$display" target/installers/screenshot.png
echo "screenshot: target/installers/screenshot.png"
grep -h 'first frame with data' "$work/app.out" "$work/app.err" || echo "(no 'first frame with data' line from the app)"
kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited early:" >&2; tail -20 "$work/app.err" >&2; exit 1; }
echo "files written for the user: $(cd "$work/home" && find . -type f | sort | tr '\n' ' ')"
