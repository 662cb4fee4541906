# Sourced by packaging scripts that open the app's window: makes sure there is an X display.
# ensure_display: keeps $DISPLAY if set; otherwise starts Xvfb on a free-looking display number, exports DISPLAY and
# sets XVFB_PID (the caller kills it on exit). Debian: apt-get install xvfb libgtk-3-0.
XVFB_PID=""
ensure_display() {
    [ -z "${DISPLAY:-}" ] || return 0
    command -v Xvfb >/dev/null || { echo "no DISPLAY and no Xvfb (apt-get install xvfb)" >&2; return 1; }
    local display=:$(( 90 + RANDOM % 100 ))
    Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=$display
    for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
}
