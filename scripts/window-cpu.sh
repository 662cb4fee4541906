#!/usr/bin/env bash
# The window's CPU in demo mode (ten symbols, the simulator in-process) on JavaFX's software pipeline.
#
#   scripts/window-cpu.sh [warm-up seconds, default 30] [measured seconds, default 60]
#
# Needs target/stock-monitor.jar (mvn -q -DskipTests package) and a display: it starts its own Xvfb on :77
# unless DISPLAY is set. The settings live in a fresh temporary home, so a remembered feed or watchlist never
# changes what is measured. Process CPU is utime+stime from /proc/PID/stat, summed over the launcher and every
# process under it (java -jar runs the window in a child JVM), read before and after the measured span.
set -euo pipefail
cd "$(dirname "$0")/.."
warmup=${1:-30}
span=${2:-60}
jar=target/stock-monitor.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -q -DskipTests package" >&2; exit 1; }

started_xvfb=""
if [ -z "${DISPLAY:-}" ]; then
    Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
    started_xvfb=$!
    export DISPLAY=:77
    sleep 1
fi
home=$(mktemp -d)
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" \
    java -Dprism.order=sw -jar "$jar" >"$home/window.log" 2>&1 &
app=$!
cleanup() {
    kill "$app" 2>/dev/null || true
    pkill -P "$app" 2>/dev/null || true
    [ -n "$started_xvfb" ] && kill "$started_xvfb" 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT

# Every process under the launcher (the launcher included).
tree() {
    local pids=("$1") i=0
    while [ $i -lt ${#pids[@]} ]; do
        for c in $(cat /proc/"${pids[$i]}"/task/*/children 2>/dev/null); do pids+=("$c"); done
        i=$((i + 1))
    done
    echo "${pids[@]}"
}
# Clock ticks of CPU used so far by the tree.
ticks() {
    local sum=0
    for p in $(tree "$app"); do
        # Fields after the command name: utime is the 12th, stime the 13th.
        read -r -a f < <(sed 's/^.*) //' /proc/"$p"/stat 2>/dev/null || true)
        [ ${#f[@]} -gt 13 ] && sum=$((sum + f[11] + f[12]))
    done
    echo $sum
}

sleep "$warmup"
kill -0 "$app" || { cat "$home/window.log"; exit 1; }
before=$(ticks)
t0=$(date +%s.%N)
sleep "$span"
after=$(ticks)
t1=$(date +%s.%N)
hz=$(getconf CLK_TCK)
awk -v b="$before" -v a="$after" -v hz="$hz" -v t0="$t0" -v t1="$t1" 'BEGIN {
    cpu = (a - b) / hz; wall = t1 - t0;
    printf "window CPU over %.1f s after warm-up: %.2f s = %.1f %% of one core\n", wall, cpu, 100 * cpu / wall }'
