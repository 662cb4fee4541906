#!/usr/bin/env bash
# Records packaging/cds/stock-monitor.classlist: the classes one start-up of the desktop app loads, in demo mode,
# up to its first frame with data and every watchlist row priced (the app quits by itself then:
# -Dstockmonitor.startupProbe=exit). cds-archive.sh turns the list into the class-data-sharing archive on the
# user's machine. Run it again after changes that alter what start-up loads (new libraries, views, a JDK or
# JavaFX update); classes the list names but the app no longer has are skipped, new ones just load as before.
#
#   packaging/build-installers.sh app-image && packaging/cds/train.sh
#
# Needs a display: uses $DISPLAY if set, otherwise starts Xvfb (Debian: apt-get install xvfb libgtk-3-0).
set -euo pipefail
cd "$(dirname "$0")/../.."

image=target/installers/app-image/stock-monitor
[ -x "$image/bin/stock-monitor" ] || { echo "train: no app-image; run packaging/build-installers.sh app-image" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/stock-monitor-train.XXXXXX")
# shellcheck source=packaging/lib-display.sh
. packaging/lib-display.sh
cleanup() { [ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ensure_display || exit 1

# A fresh user (default settings and watchlist), so the list holds what a first start loads.
mkdir -p "$work/home"
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
    JAVA_TOOL_OPTIONS="-Xshare:off -Dstockmonitor.startupProbe=exit -XX:DumpLoadedClassList=$work/classlist" \
    timeout 120 "$image/bin/stock-monitor" >"$work/app.log" 2>&1 \
    || { echo "train: the app did not finish its start-up; its log:" >&2; tail -20 "$work/app.log" >&2; exit 1; }
grep -q "first frame with data" "$work/app.log" || { echo "train: no frame with data" >&2; exit 1; }
mv "$work/classlist" packaging/cds/stock-monitor.classlist
echo "train: packaging/cds/stock-monitor.classlist: $(grep -vc '^#' packaging/cds/stock-monitor.classlist) entries"
