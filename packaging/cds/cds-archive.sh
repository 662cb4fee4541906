#!/bin/sh
# Makes or removes this installation's class-data-sharing (AppCDS) archive, lib/app/stock-monitor.jsa: the classes
# a start-up loads (listed in stock-monitor.classlist, recorded by packaging/cds/train.sh), parsed, verified and
# laid out once, so each start maps them instead of loading them one by one. Start-up to the first frame with data
# drops from about 2.6 s to 1.9 s on a 2-core machine; the archive takes about 50 MB of disk.
#
#   cds-archive.sh create | remove
#
# The .deb runs "create" after installing and "remove" before removing (the archive is not in the package: it is
# made for the JVM and jars on this machine, and it would double the download). In an unpacked app-image, run
# lib/app/cds-archive.sh create once. Both launchers name the archive; without it (or with a stale one, e.g.
# after the directory moved) the JVM quietly starts without class-data sharing.
# POSIX sh: it runs from the package's maintainer scripts.
set -eu

app_dir=$(cd "$(dirname "$0")" && pwd)
archive="$app_dir/stock-monitor.jsa"

case "${1:-}" in
    remove)
        rm -f "$archive" "$archive".tmp.*
        exit 0
        ;;
    create) ;;
    *)
        echo "usage: $0 create|remove" >&2
        exit 2
        ;;
esac

java="$app_dir/../runtime/bin/java"
classlist="$app_dir/stock-monitor.classlist"
[ -x "$java" ] || { echo "cds-archive: $java not found" >&2; exit 1; }
[ -f "$classlist" ] || { echo "cds-archive: $classlist not found" >&2; exit 1; }

# The archive is only used with the class path it was made with, entry for entry and in order: take the
# launcher's own, from its .cfg ($APPDIR is lib/app).
class_path=$(sed -n 's|^app\.classpath=\$APPDIR|'"$app_dir"'|p' "$app_dir/stock-monitor.cfg" | paste -sd: -)
[ -n "$class_path" ] || { echo "cds-archive: no app.classpath in $app_dir/stock-monitor.cfg" >&2; exit 1; }

tmp="$archive.tmp.$$"
# Classes the list names but this version no longer has are skipped; the dump's notes about them go nowhere.
if "$java" -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedClassListFile="$classlist" \
        -XX:SharedArchiveFile="$tmp" -cp "$class_path" >/dev/null 2>&1; then
    mv -f "$tmp" "$archive"
    echo "cds-archive: created $archive ($(du -m "$archive" | cut -f1) MB)"
else
    rm -f "$tmp"
    echo "cds-archive: could not create the archive; the app starts without it" >&2
    exit 1
fi
