#!/usr/bin/env bash
# Assembles the build context of a Noderr image: deploy/images/assemble.sh platform|agent JAR SBOM OUT
#
# The images start FROM scratch: nothing is pulled from a registry. The context holds
#   rootfs.tar    root-owned, read-only at run time: a jlink'ed Java runtime (from JAVA_HOME), the C
#                 libraries it links against (copied from this machine, found with ldd), a static
#                 busybox for a shell and a health probe, /etc/passwd with the user noderr (10001),
#                 the jar and its CycloneDX SBOM
#   writable.tar  what the user noderr may write: /tmp and the data directory
#   Dockerfile    deploy/images/Dockerfile.<image>
# so `docker build OUT` makes the image (./noderr images does both steps).
set -euo pipefail

readonly UID_NODERR=10001
# The platform is a Spring Boot app (JDBC, JNDI lookups, JMX, XML, the Vaadin server); the agent
# also talks to TPMs and Docker. Both need the same few: one list keeps the images' layers alike.
readonly MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.cryptoki,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

die() { echo "assemble: $*" >&2; exit 1; }

(($# == 4)) || die "usage: assemble.sh platform|agent JAR SBOM OUT"
image=$1 jar=$2 sbom=$3 out=$4
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case $image in platform | agent) ;; *) die "unknown image '$image' (platform or agent)" ;; esac
[[ -f $jar ]] || die "jar $jar not found (build first: ./noderr build)"
[[ -f $sbom ]] || die "SBOM $sbom not found (build first: ./noderr build)"
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/jlink ]] || die "JAVA_HOME must be a JDK with jlink"
# The images' command line uses options of JDK 24+ (--sun-misc-unsafe-memory-access).
java_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")"
((${java_major:-0} >= 24)) || die "images need a JDK 24 or newer in JAVA_HOME (found ${java_major:-none})"
if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then
  die "a static busybox is needed in /bin/busybox: apt-get install busybox-static"
fi

rm -rf "$out"
mkdir -p "$out/rootfs/opt/noderr" "$out/rootfs/etc" "$out/rootfs/bin" "$out/writable/tmp" \
  "$out/writable/var/lib/noderr"
rootfs="$out/rootfs"

"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress zip-6 --output "$rootfs/opt/java"

# A server needs no screen or sound: without these the image carries no X11 or ALSA libraries.
rm -f "$rootfs"/opt/java/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so

# Every shared library the runtime loads (from this machine), where the dynamic loader looks.
copy_libraries() {
  local library
  find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
    xargs -0 ldd 2>/dev/null | awk '/=> \//{print $3} /^\t\/lib/{print $1}' |
    grep -v "^$rootfs" | sort -u |
    while read -r library; do
      mkdir -p "$rootfs$(dirname "$library")"
      cp -L "$library" "$rootfs$library"
    done
}
copy_libraries

# The platform's embedded mode (no NODERR_DB_URL) unpacks PostgreSQL binaries from the jar at run
# time; ldd cannot see them in the jar, so their C++ runtime is named here.
if [[ $image == platform ]]; then
  for name in libstdc++.so.6 libgcc_s.so.1; do
    # awk reads to the end (no early exit): under pipefail an early exit would fail ldconfig with SIGPIPE.
    library="$(ldconfig -p | awk -v name="$name" '!found && $1 == name && /x86-64|AArch64/ {print $NF; found = 1}')"
    [[ -n $library ]] || die "$name not found on this machine (ldconfig -p)"
    mkdir -p "$rootfs$(dirname "$library")"
    cp -L "$library" "$rootfs$library"
  done
fi

# LANG=C.UTF-8 (the images' locale) needs its data: file names and initdb's checks use it.
[[ -d /usr/lib/locale/C.utf8 ]] || die "the C.UTF-8 locale is missing (/usr/lib/locale/C.utf8; Debian's libc-bin has it)"
mkdir -p "$rootfs/usr/lib/locale"
cp -r /usr/lib/locale/C.utf8 "$rootfs/usr/lib/locale/"

cp /bin/busybox "$rootfs/bin/busybox"
for applet in sh ash cat env id ls ps wget sleep kill nslookup; do ln -s busybox "$rootfs/bin/$applet"; done

cat >"$rootfs/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/bin/sh
noderr:x:$UID_NODERR:$UID_NODERR:noderr:/var/lib/noderr:/bin/sh
nobody:x:65534:65534:nobody:/:/bin/false
PASSWD
cat >"$rootfs/etc/group" <<GROUP
root:x:0:
noderr:x:$UID_NODERR:
nobody:x:65534:
GROUP
echo "hosts: files dns" >"$rootfs/etc/nsswitch.conf"

cp "$jar" "$rootfs/opt/noderr/noderr-$image.jar"
cp "$sbom" "$rootfs/opt/noderr/sbom.cdx.json"
chmod -R go-w "$rootfs"
chmod 1777 "$out/writable/tmp"

tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -cf "$out/rootfs.tar" .
tar -C "$out/writable" --numeric-owner --owner=$UID_NODERR --group=$UID_NODERR -cf "$out/writable.tar" .
rm -rf "$rootfs" "$out/writable"
cp "$here/Dockerfile.$image" "$out/Dockerfile"
echo "assemble: $out ($(du -sh "$out/rootfs.tar" | cut -f1) root file system)"
