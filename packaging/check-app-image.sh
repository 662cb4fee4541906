#!/usr/bin/env bash
# CI check: the packaged app actually runs. Builds the app-image (no .deb) and runs both launchers from it.
#
#   packaging/check-app-image.sh [--no-build-image]
#
#  1. target/stock-monitor.jar is built if missing (mvn -o -q -DskipTests package).
#  2. packaging/build-installers.sh app-image (timed), unless --no-build-image reuses target/installers/app-image;
#     the image must be at most 100,000,000 bytes (du -sb).
#  3. bin/stock-monitor --version prints the pom's version.
#  4. bin/stock-monitor --headless --demo --duration 3 --record FILE exits 0 and FILE has >= 1 {"type":"tick"} line.
#  5. The run wrote nothing into the installation or ~/.openjfx; logs went to $XDG_DATA_HOME/stock-monitor/logs.
#  6. bin/feed-simulator starts, prints its "listening on ws://..." line, and the app (headless) receives ticks from
#     it over the network: the second launcher works too.
#  7. Linux: lib/app/cds-archive.sh makes the class-data-sharing archive, the launcher maps it (-Xshare:on) and
#     loads the app's own classes from it; "remove" takes it away again.
# Every run is bounded (timeout); HOME and XDG_* point into a temporary directory, never the real home.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

build_image=true
[ "${1:-}" = "--no-build-image" ] && build_image=false

fail() { printf 'check-app-image: FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'check-app-image: ok: %s\n' "$*"; }

if [ ! -f target/stock-monitor.jar ]; then
    mvn -o -q -DskipTests package
fi
if $build_image; then
    start=$(date +%s)
    packaging/build-installers.sh app-image
    ok "app-image built in $(( $(date +%s) - start )) s"
fi
IMAGE="$ROOT/target/installers/app-image/stock-monitor"
[ -x "$IMAGE/bin/stock-monitor" ] || fail "no launcher $IMAGE/bin/stock-monitor"
[ -x "$IMAGE/bin/feed-simulator" ] || fail "no launcher $IMAGE/bin/feed-simulator"
# 100 MB, decimal (the stricter reading of the target); measured before the archive is made (it is the user's).
MAX_IMAGE_BYTES=100000000
image_bytes=$(du -sb "$IMAGE" | cut -f1)
[ "$image_bytes" -le "$MAX_IMAGE_BYTES" ] || fail "the app-image is $image_bytes bytes, over 100 MB"
ok "app-image $image_bytes bytes"

SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/stock-monitor-check.XXXXXX")
SIM_PID=""
cleanup() {
    if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; fi
    rm -rf "$SANDBOX"
}
trap cleanup EXIT
mkdir -p "$SANDBOX/home"
# A fresh user: per-user directories must be created by the app under these, nothing anywhere else.
# The JVM takes user.home from the password database, not from $HOME, hence -Duser.home (JAVA_TOOL_OPTIONS reaches
# the JVM behind the jpackage launcher; the JVM notes it on stderr).
ENV_ARGS=(-u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME -u DISPLAY -u WAYLAND_DISPLAY
    HOME="$SANDBOX/home" JAVA_TOOL_OPTIONS="-Duser.home=$SANDBOX/home")
run_env() {
    env "${ENV_ARGS[@]}" "$@"
}
marker="$SANDBOX/marker"
touch "$marker"
sleep 1 # the marker must be strictly older than anything the runs write (1 s mtime resolution on some systems)

# 3. Version from the pom.
pom_version=$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)
version_line=$(run_env timeout 60 "$IMAGE/bin/stock-monitor" --version) || fail "--version exited $?"
[ "$version_line" = "stock-monitor $pom_version" ] || fail "--version printed '$version_line', expected '$pom_version'"
ok "--version: $version_line"

# Counts {"type":"tick"} records (the headless --record contract: one JSON object per line).
count_ticks() { grep -c '"type" *: *"tick"' "$1" 2>/dev/null || true; }

# 4. Headless demo run from the packaged launcher. The 3 s start when the client starts connecting; on a loaded
#    2-core machine JVM + simulator start-up can eat them, so one longer run is allowed before failing (and said).
demo_run() { # $1 = seconds
    record="$SANDBOX/demo-$1.jsonl"
    set +e
    run_env timeout 120 "$IMAGE/bin/stock-monitor" --headless --demo --duration "$1" --record "$record" \
        >"$SANDBOX/demo.out" 2>"$SANDBOX/demo.err"
    code=$?
    set -e
    if [ "$code" -ne 0 ]; then
        tail -n 20 "$SANDBOX/demo.err" >&2
        fail "stock-monitor --headless --demo --duration $1 exited $code"
    fi
    ticks=$(count_ticks "$record")
}
demo_run 3
if [ "${ticks:-0}" -eq 0 ]; then
    echo "check-app-image: warning: no ticks within --duration 3 (slow machine?); trying --duration 15" >&2
    demo_run 15
fi
[ "${ticks:-0}" -gt 0 ] || { tail -n 20 "$SANDBOX/demo.out" "$SANDBOX/demo.err" >&2; fail "no tick records in $record"; }
summary=$(grep -hE '^ *ticks [0-9]' "$SANDBOX/demo.out" "$SANDBOX/demo.err" | head -1 | sed 's/^ *//' || true)
ok "headless demo: exit 0, $ticks tick records${summary:+; summary: $summary}"

# 5. Nothing inside the installation, nothing in ~/.openjfx; logs in the XDG data directory.
written=$(find "$IMAGE" -newer "$marker" | head -5)
[ -z "$written" ] || fail "the app wrote into its installation: $written"
[ ! -e "$SANDBOX/home/.openjfx" ] || fail "JavaFX cache in ~/.openjfx"
ls "$SANDBOX/home/.local/share/stock-monitor/logs/"*.log >/dev/null 2>&1 \
    || fail "no log file in \$XDG_DATA_HOME/stock-monitor/logs"
ok "per-user files only: $(cd "$SANDBOX/home" && find . -type f -newer "$marker" | sort | tr '\n' ' ')"

# 6. The second launcher: a standalone simulator on a free port, and the packaged app as its client.
# Started as a plain command, not through the run_env function: a backgrounded function is a subshell, and killing
# that would leave the simulator running after the check.
env "${ENV_ARGS[@]}" "$IMAGE/bin/feed-simulator" --host 127.0.0.1 --port 0 >"$SANDBOX/sim.out" 2>"$SANDBOX/sim.err" &
SIM_PID=$!
url=""
for _ in $(seq 1 120); do
    url=$(grep -oE 'ws://[^ ]+' "$SANDBOX/sim.out" 2>/dev/null | head -1 || true)
    [ -n "$url" ] && break
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$SANDBOX/sim.err" >&2; fail "feed-simulator exited early"; }
    sleep 0.5
done
[ -n "$url" ] || { cat "$SANDBOX/sim.err" >&2; fail "feed-simulator printed no ws:// URL within 60 s"; }
ok "feed-simulator listening on $url"
record2="$SANDBOX/server.jsonl"
set +e
run_env timeout 120 "$IMAGE/bin/stock-monitor" --headless --server "$url" --duration 3 --record "$record2" \
    >"$SANDBOX/server.out" 2>"$SANDBOX/server.err"
code=$?
set -e
[ "$code" -eq 0 ] || { tail -n 20 "$SANDBOX/server.err" >&2; fail "stock-monitor --headless --server $url exited $code"; }
ticks2=$(count_ticks "$record2")
[ "${ticks2:-0}" -gt 0 ] || fail "no tick records from the standalone simulator"
ok "headless against feed-simulator: exit 0, $ticks2 tick records"
kill "$SIM_PID" 2>/dev/null || true
wait "$SIM_PID" 2>/dev/null || true
kill -0 "$SIM_PID" 2>/dev/null && fail "feed-simulator still runs after SIGTERM"
SIM_PID=""
# 7. Class-data sharing: the archive the .deb makes when installed, made here in the image and used by the launcher.
if [ -x "$IMAGE/lib/app/cds-archive.sh" ]; then
    start=$(date +%s)
    "$IMAGE/lib/app/cds-archive.sh" create || fail "cds-archive.sh create failed"
    cds_log="$SANDBOX/cds-class-load.log"
    env -u DISPLAY HOME="$SANDBOX/home" \
        JAVA_TOOL_OPTIONS="-Duser.home=$SANDBOX/home -Xshare:on -Xlog:class+load=info:file=$cds_log" \
        timeout 60 "$IMAGE/bin/stock-monitor" --version >/dev/null 2>"$SANDBOX/cds.err" \
        || { cat "$SANDBOX/cds.err" >&2; fail "the launcher cannot map the archive (-Xshare:on)"; }
    grep -q 'io.stockmonitor.app.Launcher source: shared objects file' "$cds_log" \
        || fail "the app's classes do not come from the archive (class path mismatch?)"
    "$IMAGE/lib/app/cds-archive.sh" remove
    [ ! -e "$IMAGE/lib/app/stock-monitor.jsa" ] || fail "cds-archive.sh remove left the archive"
    ok "class-data sharing: archive made in $(( $(date +%s) - start )) s, mapped by the launcher, removed"
fi
ok "all app-image checks passed"
