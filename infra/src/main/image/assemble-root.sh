#!/usr/bin/env bash
# Assembles the root file system under the container image's application layers (docs/deployment.md,
# "The container image"). No base image can be pulled here, so Jib builds FROM scratch and this
# script supplies everything below /app:
#   /opt/java      a Java runtime made by jlink from the JDK running the build (only the modules used)
#   /lib, /lib64   the shared libraries that runtime needs (found with ldd), from the build machine
#   /bin/sh        dash, for the embedded PostgreSQL's pg_ctl (the embedded default also works)
#   /etc           passwd/group with the non-root user careledger (10001), nsswitch.conf, hosts
#   /tmp, /var/lib/careledger (the data directory, a volume), /home/careledger: writable by 10001
# Usage: assemble-root.sh <java.home of the build> <output directory>. Linux (glibc) only.
set -euo pipefail
JDK=$1
ROOT=$2
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets,jdk.crypto.ec,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

stamp="$JDK|$MODULES|$(cat "$0" | cksum)"
if [[ -f $ROOT.assembled && $(cat "$ROOT.assembled") == "$stamp" ]]; then
  echo "assemble-root: $ROOT is up to date"
  exit 0
fi
rm -rf "$ROOT"
mkdir -p "$ROOT/opt" "$ROOT/etc" "$ROOT/bin" "$ROOT/proc" "$ROOT/tmp" "$ROOT/var/lib/careledger" "$ROOT/home/careledger"

"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=0 --output "$ROOT/opt/java"
# a runtime whose files are symbolic links into /etc of the build machine (Debian's JDK) would be
# broken in the image: jlink copies their content, and the trust store is copied the same way
if [[ -e $JDK/lib/security/cacerts ]]; then
  cp -L "$JDK/lib/security/cacerts" "$ROOT/opt/java/lib/security/cacerts"
fi

# every shared library the runtime, dash and glibc's name service need, at the same path
libs() {
  # (AWT's native parts are left out: the application is headless and never loads them)
  find "$ROOT/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
      ! -name 'libawt_xawt.so' ! -name 'libfontmanager.so' ! -name 'libjsound.so' ! -name 'libsplashscreen.so' \
      ! -name 'liblcms.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so' ! -name 'libawt.so' -print0 \
    | xargs -0 -r env LD_LIBRARY_PATH="$ROOT/opt/java/lib:$ROOT/opt/java/lib/server" ldd 2>/dev/null \
    | grep -oE '(/[^ ]+\.so[^ ]*)' | grep -v "^$ROOT" || true
  ldd /bin/dash | grep -oE '(/[^ ]+\.so[^ ]*)'
  ls /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2 2>/dev/null || true
}
for lib in $(libs | sort -u); do
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done
cp -L /bin/dash "$ROOT/bin/sh"

cat > "$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
careledger:x:10001:10001:CareLedger:/home/careledger:/sbin/nologin
EOF
cat > "$ROOT/etc/group" <<'EOF'
root:x:0:
careledger:x:10001:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$ROOT/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' > "$ROOT/etc/hosts"
"$ROOT/opt/java/bin/java" -version 2>&1 | head -1 > "$ROOT/opt/java/VERSION.txt"
echo "$stamp" > "$ROOT.assembled"
echo "assemble-root: $(du -sh "$ROOT" | cut -f1) in $ROOT ($(cat "$ROOT/opt/java/VERSION.txt"))"
