#!/usr/bin/env bash
# Builds the Xsight distribution from the application jars:
#   1. a jlink runtime (only the JDK modules the client uses),
#   2. a jpackage app-image (native launcher bin/xsight + runtime + jars),
#   3. on Debian/Ubuntu (dpkg-deb present) a .deb that installs the app-image in /opt/xsight, a /usr/bin/xsight
#      command (relative symlink) and a desktop entry.
# Usage: build-package.sh --input DIR --out DIR --version VERSION [--deb-compression gzip:6] [--no-deb]
set -euo pipefail

INPUT="" OUT="" VERSION="" COMPRESSION="xz:1" DEB=1
while [ $# -gt 0 ]; do
  case "$1" in
    --input) INPUT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    --deb-compression) COMPRESSION="$2"; shift 2 ;;
    --no-deb) DEB=0; shift ;;
    *) echo "build-package: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$INPUT" ] && [ -n "$OUT" ] && [ -n "$VERSION" ] || {
  echo "build-package: usage: build-package.sh --input DIR --out DIR --version VERSION" >&2; exit 2; }
[ -f "$INPUT/client-app.jar" ] || { echo "build-package: $INPUT/client-app.jar is missing" >&2; exit 1; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
for tool in jlink jpackage; do
  [ -x "$JAVA_HOME/bin/$tool" ] || { echo "build-package: $JAVA_HOME/bin/$tool not found (need a full JDK 25)" >&2; exit 1; }
done

# The JDK modules the client, JavaFX, Netty, JavaCV, Jackson, Logback and sqlite-jdbc use on the class path
# (jdeps --print-module-deps on the jars, plus what reflection and service loading need at run time).
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting
MODULES=$MODULES,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported
MODULES=$MODULES,jdk.unsupported.desktop,jdk.zipfs
# The JPEG XS decoder's SIMD kernels (added to the launcher below; without it the decoder runs its scalar loops).
MODULES=$MODULES,jdk.incubator.vector

# Debian versions cannot hold '-SNAPSHOT'; '~' sorts before the release. jpackage wants digits and dots only.
DEB_VERSION="$(echo "$VERSION" | sed 's/-SNAPSHOT/~snapshot/; s/-/~/g')"
APP_VERSION="$(echo "$VERSION" | sed 's/[^0-9.].*//')"

rm -rf "$OUT"
mkdir -p "$OUT"
echo "build-package: jlink runtime ($MODULES)"
# Native debug symbols are stripped with objcopy (binutils) when present, else only Java debug attributes.
STRIP=(--strip-debug)
if command -v objcopy >/dev/null 2>&1; then
  STRIP=(--strip-java-debug-attributes --strip-native-debug-symbols "objcopy=$(command -v objcopy)")
fi
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" "${STRIP[@]}" --no-header-files --no-man-pages \
  --compress=zip-6 --output "$OUT/runtime"

echo "build-package: jpackage app-image"
"$JAVA_HOME/bin/jpackage" --type app-image --name xsight --dest "$OUT" \
  --input "$INPUT" --main-jar client-app.jar --main-class dev.xsight.cli.Main \
  --runtime-image "$OUT/runtime" --app-version "$APP_VERSION" \
  --vendor "Xsight contributors" --description "Xsight reference monitor" \
  --java-options "--enable-native-access=ALL-UNNAMED" --java-options "--add-modules=jdk.incubator.vector" \
  --java-options "-Dprism.forceGPU=true"

if [ "$DEB" = 0 ]; then
  echo "build-package: app-image in $OUT/xsight (no .deb requested)"
  exit 0
fi
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "build-package: dpkg-deb not found: no .deb (app-image in $OUT/xsight)"
  exit 0
fi

echo "build-package: .deb"
ARCH="$(dpkg --print-architecture)"
STAGE="$OUT/deb-root"
mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/DEBIAN"
cp -a "$OUT/xsight" "$STAGE/opt/xsight"
ln -s ../../opt/xsight/bin/xsight "$STAGE/usr/bin/xsight"
install -m 0644 "$HERE/xsight.desktop" "$STAGE/usr/share/applications/xsight.desktop"
SIZE_KB="$(du -sk "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: xsight
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: Xsight contributors <xsight@users.noreply.github.com>
Installed-Size: $SIZE_KB
Depends: libc6, libgtk-3-0 | libgtk-3-0t64, libxtst6, libxxf86vm1, libgl1, libasound2 | libasound2t64
Section: video
Priority: optional
Homepage: https://github.com/xsight-dev/xsight
Description: Reference monitor and review client for post-production
 Receives SMPTE ST 2110-22 JPEG XS or HLS, shows it in 10 bits with colour-correct
 LUT/ACES transforms, and keeps QC notes synced to timecode. Includes its own Java runtime.
CONTROL
DEB_FILE="$OUT/xsight_${DEB_VERSION}_${ARCH}.deb"
ALGO="${COMPRESSION%%:*}"
LEVEL="${COMPRESSION##*:}"
# --root-owner-group gives root:root files without fakeroot (dpkg >= 1.19); use fakeroot when it is there anyway.
FAKEROOT=()
command -v fakeroot >/dev/null 2>&1 && FAKEROOT=(fakeroot)
"${FAKEROOT[@]}" dpkg-deb --root-owner-group -Z"$ALGO" -z"$LEVEL" --build "$STAGE" "$DEB_FILE" >/dev/null
rm -rf "$STAGE"
echo "build-package: $DEB_FILE"
