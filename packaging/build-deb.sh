#!/bin/sh
# Builds dist/jts-fleet_VERSION_all.deb from the tree of build-dist.sh with plain dpkg-deb (no debhelper):
#   /usr/bin/jts-fleet                                the launcher (finds /usr/share/jts-fleet/jts-fleet.jar)
#   /usr/share/jts-fleet/jts-fleet.jar, /usr/share/jts-fleet/scripts/storage-{status,benchmark}.sh
#   /usr/share/jts-fleet/train-archives.sh           run by postinst: start-up archives into /var/cache/jts-fleet
#   /usr/share/man/man1/jts-fleet*.1.gz
#   /usr/share/bash-completion/completions/jts-fleet, /usr/share/zsh/vendor-completions/_jts-fleet
#   /usr/share/doc/jts-fleet/                         README, docs/*.md, copyright
#   /etc/jts-fleet/inventory.yaml.example             conffile; named so it does not become the inventory
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
out=${DIST_DIR:-$top/dist}

tarball=$(DIST_DIR=$out "$top/packaging/build-dist.sh")
name=$(basename "$tarball" .tar.gz)
version=${name#jts-fleet-}
stage=$out/$name
root=$out/deb/jts-fleet_${version}_all
deb=$out/jts-fleet_${version}_all.deb
rm -rf "$root" "$deb"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share" "$root/etc"

cp -R "$stage/share/jts-fleet" "$stage/share/man" "$stage/share/bash-completion" "$stage/share/zsh" "$stage/share/doc" \
    "$root/usr/share/"
cp -R "$stage/etc/jts-fleet" "$root/etc/"
install -m 0755 "$stage/bin/jts-fleet" "$root/usr/bin/jts-fleet"
gzip -9n "$root"/usr/share/man/man1/*.1
cat > "$root/usr/share/doc/jts-fleet/copyright" <<'COPYRIGHT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: jts-fleet
Comment: The jar bundles picocli, jline (BSD-3-Clause), jackson, sshj (Apache-2.0) and BouncyCastle (MIT);
 their notices are inside /usr/share/jts-fleet/jts-fleet.jar under META-INF/.

Files: *
Copyright: the jts-fleet authors
License: proprietary
COPYRIGHT

installed_kb=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: jts-fleet
Version: $version
Architecture: all
Maintainer: jts-fleet maintainers <jts-fleet@localhost>
Installed-Size: $installed_kb
Depends: openjdk-17-jre-headless | java17-runtime-headless
Suggests: bash-completion
Section: admin
Priority: optional
Homepage: https://localhost/jts-fleet
Description: storage tuning, TRIM, benchmarks and monitoring for a fleet of Linux hosts
 jts-fleet keeps the storage of latency-critical Linux hosts tuned (I/O schedulers, read-ahead and queue
 settings through udev rules), trimmed outside trading hours, benchmarked with fio and watched, from one
 workstation over SSH. Nothing is installed on the hosts but the scripts it pushes itself.
CONTROL
# dpkg keeps local edits of conffiles on upgrade and removes them only on purge
echo /etc/jts-fleet/inventory.yaml.example > "$root/DEBIAN/conffiles"
# Start-up archives (class-data archive for the default java, AOT cache for a Java 25+) are valid only for the
# JVM that wrote them and the installed jar: trained on the target in postinst, into /var/cache/jts-fleet, where
# the launcher looks for them. A failed training only makes start-up slower.
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    mkdir -p /var/cache/jts-fleet
    /usr/share/jts-fleet/train-archives.sh /usr/share/jts-fleet/jts-fleet.jar /var/cache/jts-fleet/jts-fleet || true
fi
POSTINST
cat > "$root/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
case "$1" in
    remove | purge) rm -rf /var/cache/jts-fleet ;;
esac
POSTRM
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
(cd "$root" && find usr -type f | LC_ALL=C sort | xargs md5sum) > "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +
find "$root" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-$(git -C "$top" log -1 --format=%ct 2>/dev/null || date +%s)}" {} +

dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
