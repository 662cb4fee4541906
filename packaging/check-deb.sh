#!/usr/bin/env bash
# Checks the .deb: contents, declared dependencies, size; with --install also installs and removes it (root only).
#
#   packaging/check-deb.sh [--no-build] [--install]
#
# --no-build  reuse target/installers/*.deb (default: build it with packaging/build-installers.sh deb, timed).
# --install   dpkg -i, run /opt/stock-monitor/bin/stock-monitor --version, check the menu entry and the class-data-
#             sharing archive postinst makes, dpkg -r, and check that nothing is left in /opt or
#             /usr/share/applications. Changes the system: CI containers only.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
install=false
for arg in "$@"; do
    case "$arg" in
        --no-build) build=false ;;
        --install) install=true ;;
        *) echo "usage: $0 [--no-build] [--install]" >&2; exit 2 ;;
    esac
done
fail() { printf 'check-deb: FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'check-deb: ok: %s\n' "$*"; }
MAX_DEB_BYTES=30000000  # 30 MB, decimal: the stricter reading of the target

if $build; then
    [ -f target/stock-monitor.jar ] || mvn -o -q -DskipTests package
    start=$(date +%s)
    packaging/build-installers.sh deb
    ok ".deb built in $(( $(date +%s) - start )) s (app-image included)"
fi
deb=$(ls target/installers/stock-monitor_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no target/installers/stock-monitor_*.deb"
size=$(wc -c <"$deb")
[ "$size" -le "$MAX_DEB_BYTES" ] || fail "$deb is $size bytes, over 30 MB"
ok "$(basename "$deb"): $size bytes"

listing=$(dpkg-deb -c "$deb")
for path in ./opt/stock-monitor/bin/stock-monitor ./opt/stock-monitor/bin/feed-simulator \
        ./opt/stock-monitor/lib/stock-monitor-stock-monitor.desktop ./opt/stock-monitor/lib/stock-monitor.png; do
    echo "$listing" | grep -q " $path\$" || fail "$path is not in the package"
done
ok "both launchers, the desktop entry and the icon are in the package"

desktop=$(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./opt/stock-monitor/lib/stock-monitor-stock-monitor.desktop)
echo "$desktop" | grep -qx 'Name=Stock Monitor' || fail "desktop entry has no Name=Stock Monitor"
echo "$desktop" | grep -qx 'Categories=Finance;Office;' || fail "desktop entry is not in Finance;Office;"
echo "$desktop" | grep -qx 'Exec=/opt/stock-monitor/bin/stock-monitor' || fail "desktop entry Exec is wrong"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libgtk-3-0 libxtst6 libgl1 xdg-utils; do
    echo "$depends" | grep -qw "$lib" || fail "Depends lacks $lib"
done
ok "desktop entry (Name, Categories, Exec) and Depends (GTK 3, Xtst, GL, xdg-utils)"

# Unpacked without installing (what the screenshot check does): the launcher runs from anywhere.
unpacked=$(mktemp -d "${TMPDIR:-/tmp}/stock-monitor-deb.XXXXXX")
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
mkdir -p "$unpacked/home"
HOME="$unpacked/home" timeout 60 "$unpacked/opt/stock-monitor/bin/stock-monitor" --version \
    || fail "the unpacked launcher does not run"
ok "unpacked launcher runs"

if $install; then
    [ "$(id -u)" -eq 0 ] || fail "--install needs root"
    # Minimal containers have no menu directories (xdg-desktop-menu needs all three); create them so the menu entry
    # is really installed and checked, and remove them again afterwards.
    made_dirs=""
    for d in /usr/share/applications /usr/share/desktop-directories /etc/xdg/menus; do
        [ -d "$d" ] || { mkdir -p "$d"; made_dirs="$d $made_dirs"; }
    done
    trap 'dpkg -r stock-monitor >/dev/null 2>&1 || true; rm -rf "$unpacked"' EXIT # never leave it installed
    if ! dpkg -i "$deb" >/dev/null; then
        dpkg -r stock-monitor >/dev/null 2>&1 || true # do not leave a half-configured package behind
        fail "dpkg -i failed: missing dependencies? (apt-get install ./$deb installs them)"
    fi
    HOME="$unpacked/home" timeout 60 /opt/stock-monitor/bin/stock-monitor --version || fail "installed app fails"
    ls /usr/share/applications/ | grep -q stock-monitor || fail "no menu entry in /usr/share/applications"
    [ -f /opt/stock-monitor/lib/app/stock-monitor.jsa ] || fail "postinst made no class-data-sharing archive"
    HOME="$unpacked/home" JAVA_TOOL_OPTIONS="-Xshare:on" timeout 60 /opt/stock-monitor/bin/stock-monitor --version \
        >/dev/null 2>&1 || fail "the installed launcher cannot map its class-data-sharing archive"
    ok "postinst made the class-data-sharing archive ($(du -m /opt/stock-monitor/lib/app/stock-monitor.jsa | cut -f1) MB)"
    ok "installed: $(dpkg-query -W -f='${Package} ${Version} ${Installed-Size} KiB' stock-monitor)"
    dpkg -r stock-monitor >/dev/null || fail "dpkg -r failed"
    [ ! -e /opt/stock-monitor ] || fail "/opt/stock-monitor left after dpkg -r: $(find /opt/stock-monitor | head)"
    ! ls /usr/share/applications/ | grep -q stock-monitor || fail "menu entry left after dpkg -r"
    dpkg-query -W -f='${Status}\n' stock-monitor 2>/dev/null | grep -q 'not-installed\|deinstall' \
        || fail "package still installed"
    ok "dpkg -r removed /opt/stock-monitor and the menu entry"
    for d in $made_dirs; do rm -rf "$d"; done # xdg-desktop-menu leaves applications-merged/ behind in menus/
    trap 'rm -rf "$unpacked"' EXIT
fi
ok "all .deb checks passed"
