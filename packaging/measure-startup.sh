#!/usr/bin/env bash
# Start-up of the packaged desktop app to its first frame with data, with and without the class-data-sharing
# archive, alternating in one run (this machine is noisy: compare the two columns, not runs from different days).
#
#   packaging/measure-startup.sh [--runs N] [--image DIR]
#
# DIR: an app-image or installed tree with bin/stock-monitor (default target/installers/app-image/stock-monitor;
# e.g. /opt/stock-monitor for the installed .deb). Its lib/app/stock-monitor.jsa is made first if missing
# (lib/app/cds-archive.sh create). Each start is a fresh user in demo mode with -Dstockmonitor.startupProbe=exit, so
# the app quits by itself after its first frame with data. Two clocks per start: the app's own figure (from process
# start, read from /proc) and an outside one (launch to the log line's time stamp). Needs a display: $DISPLAY or Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
image=target/installers/app-image/stock-monitor
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) shift; runs=$1 ;;
        --image) shift; image=$1 ;;
        *) echo "usage: $0 [--runs N] [--image DIR]" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$image/bin/stock-monitor" ] || { echo "no $image/bin/stock-monitor (packaging/build-installers.sh app-image)" >&2; exit 1; }
[ -f "$image/lib/app/stock-monitor.jsa" ] || "$image/lib/app/cds-archive.sh" create

work=$(mktemp -d "${TMPDIR:-/tmp}/stock-monitor-startup.XXXXXX")
# shellcheck source=packaging/lib-display.sh
. packaging/lib-display.sh
cleanup() { [ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ensure_display || exit 1

# $1 = extra JVM options; prints "<app ms> <outside ms>"
one_start() {
    rm -rf "$work/home"; mkdir -p "$work/home"
    local t0 line stamp t1
    t0=$(date +%s%3N)
    HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
        XDG_CACHE_HOME="$work/home/.cache" \
        JAVA_TOOL_OPTIONS="-Duser.home=$work/home -Dstockmonitor.startupProbe=exit $1" \
        timeout 60 "$image/bin/stock-monitor" >"$work/out" 2>&1 || true
    line=$(grep -h "first frame with data after" "$work/out" | head -1)
    [ -n "$line" ] || { echo "no 'first frame with data' line:" >&2; tail -5 "$work/out" >&2; exit 1; }
    stamp=$(printf '%s' "$line" | cut -c1-12)
    t1=$(date -d "today $stamp" +%s%3N)
    printf '%s %s\n' "$(printf '%s' "$line" | sed 's/.*after \([0-9]*\) ms.*/\1/')" "$((t1 - t0))"
}

printf 'run | with archive: app / outside ms | without (-Xshare:off): app / outside ms\n'
with_sum=0; without_sum=0
for i in $(seq 1 "$runs"); do
    read -r a_app a_out < <(one_start "")
    read -r b_app b_out < <(one_start "-Xshare:off")
    printf '%3d | %6s / %6s | %6s / %6s\n' "$i" "$a_app" "$a_out" "$b_app" "$b_out"
    with_sum=$((with_sum + a_app)); without_sum=$((without_sum + b_app))
done
printf 'mean (app clock): with %d ms, without %d ms, ratio %s\n' $((with_sum / runs)) $((without_sum / runs)) \
    "$(awk -v a="$with_sum" -v b="$without_sum" 'BEGIN { printf "%.2f", a / b }')"
