#!/usr/bin/env bash
# Builds the Stock Monitor app-image and installers with jlink + jpackage (JDK 17+).
#
#   packaging/build-installers.sh [--build] [--cds] [--version V] [TARGET...]
#
# TARGET: app-image (default), deb, rpm, all (= app-image + deb + rpm where rpmbuild is installed) on Linux;
#         app-image, dmg, pkg, all (= app-image + dmg) on macOS. Windows: packaging/build-installers.ps1.
# --build    run `mvn -DskipTests package` first (the Maven profile -Pinstallers runs this script after packaging).
# --cds      Linux: also make the class-data-sharing archive inside the app-image (faster start-up, +50 MB; the
#            .deb makes its own when installed, so the installers are built from the image without it).
# --version  the version to stamp (default: target/maven-archiver/pom.properties, i.e. the pom's version).
#
# Inputs:  target/stock-monitor.jar and target/lib/*.jar (from `mvn package`; it holds the simulator classes too).
# Outputs: target/installers/app-image/stock-monitor/   (bin/stock-monitor, bin/feed-simulator, lib/...)
#          target/installers/*.deb | *.rpm | *.dmg | *.pkg
#
# The runtime is linked once per run by jlink: the JDK modules jdeps finds in the jars plus
# packaging/jdk-modules.txt, and JavaFX from its platform jars (module path); no debug symbols, headers, man pages
# or JDK commands. The app jars stay on the class path (the launcher class is not a JavaFX Application); the JavaFX
# jars are left out of the class-path input, they are modules of the runtime.
# Kept to bash 3.2 (macOS's /bin/bash): no mapfile, no associative arrays.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET_DIR="$ROOT/target"
WORK="$TARGET_DIR/jpackage"
OUT="$TARGET_DIR/installers"

say() { printf '[installers] %s\n' "$*" >&2; }
die() { printf '[installers] ERROR: %s\n' "$*" >&2; exit 1; }

build=false
cds=false
version=""
targets=""
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=true ;;
        --cds) cds=true ;;
        --version) shift; version="${1:-}" ;;
        --version=*) version="${1#--version=}" ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        app-image|deb|rpm|dmg|pkg|all) targets="$targets $1" ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
    shift
done
[ -n "$targets" ] || targets="app-image"

case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=macos ;;
    *) die "on Windows run packaging/build-installers.ps1 (PowerShell); this script is for Linux and macOS" ;;
esac

for tool in jpackage jlink jdeps; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found: put a JDK 17+ bin directory on PATH"
done

if $build; then
    say "building the jars: mvn -q -DskipTests package"
    mvn -q -DskipTests package
fi
for jar in stock-monitor.jar; do
    [ -f "$TARGET_DIR/$jar" ] || die "target/$jar is missing: run 'mvn -DskipTests package' first (or pass --build)"
done

if [ -z "$version" ]; then
    version=$(sed -n 's/^version=//p' "$TARGET_DIR/maven-archiver/pom.properties" 2>/dev/null || true)
    [ -n "$version" ] || die "no version: pass --version or build with Maven first"
fi
# Installers want numbers only: 1.2.3-SNAPSHOT is packaged as 1.2.3 (the app itself still shows the full version).
package_version=${version%%-*}
case "$package_version" in
    [0-9]*) ;;
    *) die "version '$version' does not start with a number" ;;
esac
if [ "$os" = macos ] && [ "${package_version%%.*}" = 0 ]; then
    # macOS bundles reject a leading 0 (CFBundleVersion); 0.x.y is packaged as 1.x.y until the first 1.0 release.
    package_version="1.${package_version#*.}"
    say "macOS needs a first version number >= 1: packaging $version as $package_version"
fi

# Expand "all" per platform; rpm only where rpmbuild exists.
expanded=""
for t in $targets; do
    if [ "$t" = all ]; then
        if [ "$os" = linux ]; then
            expanded="$expanded app-image deb"
            if command -v rpmbuild >/dev/null 2>&1; then expanded="$expanded rpm"; else
                say "rpmbuild is not installed: skipping the .rpm (install the 'rpm' package to build it)"; fi
        else
            expanded="$expanded app-image dmg"
        fi
    else
        expanded="$expanded $t"
    fi
done
for t in $expanded; do
    case "$os:$t" in
        linux:app-image|linux:deb|linux:rpm|macos:app-image|macos:dmg|macos:pkg) ;;
        *) die "target '$t' cannot be built on $os" ;;
    esac
    if [ "$t" = rpm ] && ! command -v rpmbuild >/dev/null 2>&1; then
        die "rpmbuild is not installed: cannot build the .rpm (install the 'rpm' package)"
    fi
    if [ "$t" = deb ]; then
        command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb is not installed: cannot build the .deb"
        command -v fakeroot >/dev/null 2>&1 || die "fakeroot is not installed: jpackage needs it for the .deb"
    fi
done

started=$(date +%s)
rm -rf "$WORK" "$OUT/app-image"
mkdir -p "$WORK/input/lib" "$WORK/javafx" "$OUT"

# 1. Class-path input: the app jar and every runtime dependency except JavaFX (which becomes part of the runtime).
#    jpackage puts every jar of the input on both launchers' class path, so feed-simulator.jar stays out: its
#    classes are in stock-monitor.jar too (one module), and the feed-simulator launcher only changes the main class.
#    The manifest Class-Path still names lib/javafx-*.jar; missing Class-Path entries are ignored by the JVM.
cp "$TARGET_DIR/stock-monitor.jar" "$WORK/input/"
javafx_count=0
for jar in "$TARGET_DIR"/lib/*.jar; do
    name=$(basename "$jar")
    case "$name" in
        javafx-*-[0-9]*-*.jar) cp "$jar" "$WORK/javafx/"; javafx_count=$((javafx_count + 1)) ;; # platform jars
        javafx-*.jar) ;;  # the classifier-less javafx-*.jar are empty placeholders
        # The keychain library maps Windows' and macOS's APIs with jna-platform; Linux's Secret Service and KWallet
        # are reached over D-Bus, which needs JNA's core only (checked against a real gnome-keyring).
        jna-platform-*.jar) [ "$os" = linux ] || cp "$jar" "$WORK/input/lib/" ;;
        *) cp "$jar" "$WORK/input/lib/" ;;
    esac
done
[ "$javafx_count" -gt 0 ] || die "no JavaFX platform jars (javafx-*-<version>-<os>.jar) in target/lib"

# JNA carries its native stub for 30 platforms (5 MB unpacked); the image runs on one. Keep that one's.
jna_jar=$(ls "$WORK"/input/lib/jna-[0-9]*.jar 2>/dev/null | head -1 || true)
if [ -n "$jna_jar" ] && [ "$os" = linux ] && command -v zip >/dev/null 2>&1; then
    case "$(uname -m)" in
        x86_64) jna_platform=linux-x86-64 ;;
        aarch64) jna_platform=linux-aarch64 ;;
        *) jna_platform="linux-$(uname -m)" ;;
    esac
    others=$(unzip -Z1 "$jna_jar" | grep -E '^com/sun/jna/[^/]+/(lib)?jnidispatch' | grep -v "^com/sun/jna/$jna_platform/" \
        || true)
    # grep reads the whole listing (no -q): quitting at the first match can kill unzip with SIGPIPE, and with
    # pipefail the test is then false and every stub stays (+1.6 MB: a .deb of 29.9 MB, an image over 100 MB).
    if [ -n "$others" ] && unzip -Z1 "$jna_jar" | grep "^com/sun/jna/$jna_platform/" >/dev/null; then
        # shellcheck disable=SC2086 # one entry name per word, none with spaces
        zip -q -d "$jna_jar" $others
    fi
elif [ -n "$jna_jar" ] && [ "$os" = linux ]; then
    say "zip not found: JNA keeps its native stubs for every platform (about 1.6 MB more)"
fi

# 2. JDK modules: what jdeps sees in the app and its libraries, plus the ones it cannot see.
say "jdeps: finding the JDK modules the jars need"
cp_list=$(ls "$WORK"/input/lib/*.jar | tr '\n' ':')
# JavaFX on the module path: ikonli and atlantafx are modules that require javafx.graphics.
jdk_modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 -q --module-path "$WORK/javafx" \
    --class-path "$cp_list" "$WORK/input/stock-monitor.jar" "$WORK"/input/lib/*.jar | tail -1) \
    || die "jdeps failed"
[ -n "$jdk_modules" ] || die "jdeps found no modules"
extra_modules=$(grep -v '^[[:space:]]*#' packaging/jdk-modules.txt | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
# jdeps lists the JavaFX modules too when the libraries use them; they come from the module path anyway.
modules=$(printf '%s\n' "$jdk_modules,$extra_modules,javafx.controls,javafx.fxml" | tr ',' '\n' | awk 'NF && !seen[$0]++' \
    | paste -sd, -)
say "modules: $modules"

# 3. jlink: one trimmed runtime. JDK 17's jlink needs the JDK's own jmods next to JavaFX's jars on the module path.
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)" 2>/dev/null || command -v jlink)")")}
[ -d "$java_home/jmods" ] || die "$java_home/jmods not found (Debian/Ubuntu: apt-get install openjdk-17-jmods)"
say "jlink: linking the runtime"
# java.desktop is linked for javax.sound (the alert chime) and, on Windows, the tray notifier; on Linux nothing
# starts AWT (notifications go through notify-send), so its X11 toolkit, imaging and splash-screen natives stay out
# (1.2 MB). Something that did start AWT here would fail to load them: keep AWT off the Linux code paths.
exclude_natives=""
if [ "$os" = linux ]; then
    exclude_natives="--exclude-files=**/libawt_xawt.so,**/libmlib_image.so,**/libsplashscreen.so,**/libjavajpeg.so,**/liblcms.so,**/libfontmanager.so"
fi
# shellcheck disable=SC2086 # $exclude_natives is one option or nothing
jlink --module-path "$java_home/jmods:$WORK/javafx" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages $exclude_natives \
    --output "$WORK/runtime"
# No JDK commands either, except bin/java on Linux: packaging/cds/cds-archive.sh needs it to make the
# class-data-sharing archive on the user's machine (it is 12 KB; jlink's --strip-native-commands would drop it).
if [ "$os" = linux ]; then
    find "$WORK/runtime/bin" -type f ! -name java -exec rm -f {} +
else
    rm -rf "$WORK/runtime/bin"
fi
# No --compress: zip-compressed modules barely shrink the app-image and make the .deb much bigger (xz cannot
# compress them again): measured 57 MB image / 36 MB xz with --compress=2 against 86 MB / 28 MB without.

# 4. JavaFX's native libraries (libglass, libprism_*, ...) go next to the JDK's own (lib/ on Linux and macOS):
#    JavaFX loads them from there directly instead of unpacking copies into a per-user cache on every new
#    version, and jpackage can see them to compute the .deb/.rpm dependencies.
say "copying JavaFX native libraries into the runtime"
for jar in "$WORK"/javafx/*.jar; do
    (cd "$WORK/runtime/lib" && unzip -o -q "$jar" '*.so' '*.dylib' 2>/dev/null || true)
done

# 5. Native symbol tables: Debian's JDK ships libjvm.so unstripped (24 MB -> 20 MB). Only the symbols go;
#    hs_err crash reports then show addresses instead of HotSpot function names.
if [ "$os" = linux ] && command -v strip >/dev/null 2>&1; then
    find "$WORK/runtime/lib" -name '*.so' -exec strip --strip-unneeded {} +
else
    say "strip not found: native libraries keep their symbol tables (bigger image)"
fi

# 6. The app-image (both launchers), then each installer from it (no second jlink).
say "jpackage: app-image"
jpackage --type app-image @packaging/common.cfg @packaging/launcher.cfg @"packaging/$os/app-image.cfg" \
    --app-version "$package_version" --input "$WORK/input" --runtime-image "$WORK/runtime" \
    --dest "$OUT/app-image"
image="$OUT/app-image/stock-monitor"
[ "$os" = macos ] && image="$OUT/app-image/stock-monitor.app"

# 7. Class-data sharing (Linux): the class list and the script that turns it into an archive go into the image;
#    the .deb's postinst runs the script, an app-image user can (see docs/INSTALLERS.md). Both launchers name the
#    archive and start without it while it is missing.
if [ "$os" = linux ]; then
    cp packaging/cds/stock-monitor.classlist packaging/cds/cds-archive.sh "$image/lib/app/"
    listed=$(grep -c '^io/stockmonitor/[^ ]*$' packaging/cds/stock-monitor.classlist || true)
    # Listed app classes the jar no longer has: one listing of the jar, compared line by line.
    missing=$(grep '^io/stockmonitor/[^ ]*$' packaging/cds/stock-monitor.classlist | sed 's/$/.class/' | sort \
        | comm -23 - <(unzip -Z1 "$WORK/input/stock-monitor.jar" | sort) | wc -l | tr -d ' ')
    if [ "$missing" -gt $(( listed / 10 )) ]; then
        say "WARNING: $missing of the $listed app classes in packaging/cds/stock-monitor.classlist are gone:" \
            "run packaging/cds/train.sh to record the list again"
    fi
fi
say "app-image: $image ($(du -sh "$image" | cut -f1))"

for t in $expanded; do
    [ "$t" = app-image ] && continue
    say "jpackage: $t"
    rm -f "$OUT"/*."$t"
    # shellcheck disable=SC2086
    jpackage --type "$t" @packaging/common.cfg @"packaging/$os/package.cfg" @"packaging/$os/$t.cfg" \
        --app-version "$package_version" --app-image "$image" --dest "$OUT"
    for f in "$OUT"/*."$t"; do say "$t: $f ($(du -h "$f" | cut -f1))"; done
done
# Last, so the installers above are made from the image without it.
if $cds && [ "$os" = linux ]; then
    "$image/lib/app/cds-archive.sh" create >&2 || die "could not make the class-data-sharing archive"
fi
say "done in $(( $(date +%s) - started )) s; outputs in target/installers/"
