#!/usr/bin/env bash
# CPU the desktop window costs in demo mode (simulator in-process, its ten symbols), on JavaFX's software pipeline
# under Xvfb: the process CPU (user + system, from /proc/<pid>/stat) over a measured span after a warm-up, as % of one
# core, for the launcher JVM and the window JVM it starts together, then the window JVM's busiest threads.
#
#   packaging/measure-window-cpu.sh [--warmup S] [--seconds S] [--size WxH] [--jar FILE] [-- JVM options...]
#
# Defaults: 20 s warm-up, 60 s measured, 1480x880 (the window's default size), target/stock-monitor.jar (build it
# with mvn -q -DskipTests package). Each run is a fresh user (an empty home: demo mode, default layout). Starts its
# own Xvfb on a free display unless DISPLAY is set; kills only what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

warmup=20
seconds=60
size=1480x880
jar=target/stock-monitor.jar
while [ $# -gt 0 ]; do
    case "$1" in
        --warmup) shift; warmup=$1 ;;
        --seconds) shift; seconds=$1 ;;
        --size) shift; size=$1 ;;
        --jar) shift; jar=$1 ;;
        --) shift; break ;;
        *) echo "usage: $0 [--warmup S] [--seconds S] [--size WxH] [--jar FILE] [-- JVM options...]" >&2; exit 2 ;;
    esac
    shift
done
[ -f "$jar" ] || { echo "no $jar (mvn -q -DskipTests package)" >&2; exit 1; }
width=${size%x*}
height=${size#*x}

work=$(mktemp -d "${TMPDIR:-/tmp}/stock-monitor-cpu.XXXXXX")
# shellcheck source=packaging/lib-display.sh
. packaging/lib-display.sh
app_pid=""
cleanup() {
    [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
    [ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ensure_display || exit 1

mkdir -p "$work/home/.config/stock-monitor"
# The window's size for a fresh user comes from the settings file's window placement.
printf '{"window":{"x":0,"y":0,"width":%s,"height":%s,"maximized":false}}\n' "$width" "$height" \
    >"$work/home/.config/stock-monitor/settings.json"
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
    java -Duser.home="$work/home" -Dprism.order=sw "$@" -jar "$jar" >"$work/out" 2>&1 &
app_pid=$!

# Clock ticks of a process (utime + stime, fields 14 and 15 of /proc/PID/stat; the name may hold spaces).
ticks_of() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
children_of() { cat /proc/"$1"/task/*/children 2>/dev/null || true; }

sleep "$warmup"
window_pid=$(children_of "$app_pid" | awk '{ print $1 }')
pids="$app_pid $window_pid"
hz=$(getconf CLK_TCK)
before=0; for p in $pids; do before=$((before + $(ticks_of "$p"))); done
declare -A thread_before
if [ -n "$window_pid" ]; then
    for t in /proc/"$window_pid"/task/*; do thread_before[${t##*/}]=$(ticks_of "$window_pid/task/${t##*/}"); done
fi
sleep "$seconds"
after=0; for p in $pids; do after=$((after + $(ticks_of "$p"))); done
[ -d "/proc/$app_pid" ] || { echo "the app exited:" >&2; tail -20 "$work/out" >&2; exit 1; }

printf 'window %s, warm-up %s s, measured %s s, processes %s\n' "$size" "$warmup" "$seconds" "$pids"
awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" \
    'BEGIN { printf "CPU: %.1f %% of one core (%.2f s of CPU in %d s)\n", 100 * t / hz / s, t / hz, s }'
if [ -n "$window_pid" ]; then
    echo "busiest threads of the window JVM (% of one core):"
    for t in /proc/"$window_pid"/task/*; do
        id=${t##*/}
        now=$(ticks_of "$window_pid/task/$id")
        printf '%s\t%s\n' "$((now - ${thread_before[$id]:-0}))" "$(cat "$t/comm" 2>/dev/null)"
    done | sort -rn | head -8 | awk -v hz="$hz" -v s="$seconds" -F'\t' \
        '$1 > 0 { printf "  %5.1f  %s\n", 100 * $1 / hz / s, $2 }'
fi
