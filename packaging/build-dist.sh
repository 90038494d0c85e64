#!/bin/sh
# Builds the distribution tree and tarball from an already built jar (make build):
#   dist/jts-fleet-VERSION/{bin,share/jts-fleet,share/man/man1,share/bash-completion/completions,share/doc,etc}
#   dist/jts-fleet-VERSION.tar.gz
# Man pages are converted from the committed, test-checked AsciiDoc in docs/man (asciidoctor); the bash
# completion is generated from the jar itself, so both describe exactly the commands that ship.
# Reproducible: file times come from SOURCE_DATE_EPOCH (default: the last commit), owners are root.
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
jar=${JTS_FLEET_JAR:-$top/controller/target/jts-fleet-all.jar}
out=${DIST_DIR:-$top/dist}

fail() {
    echo "build-dist: $*" >&2
    exit 1
}

[ -f "$jar" ] || fail "missing $jar: run 'make build' first"
command -v asciidoctor >/dev/null 2>&1 || fail "asciidoctor is not installed (Debian: apt-get install asciidoctor)"
version=$(unzip -p "$jar" jts/fleet/controller/version.properties | sed -n 's/^version=//p')
case $version in
    '' | *[!A-Za-z0-9.+~-]*) fail "$jar: unusable version \"$version\" in version.properties" ;;
esac
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$top" log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

name=jts-fleet-$version
stage=$out/$name
rm -rf "$stage" "$out/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/share/jts-fleet/scripts" "$stage/share/man/man1" \
    "$stage/share/bash-completion/completions" "$stage/share/zsh/vendor-completions" "$stage/share/doc/jts-fleet" \
    "$stage/etc/jts-fleet"

install -m 0755 "$top/bin/jts-fleet.in" "$stage/bin/jts-fleet"
install -m 0644 "$jar" "$stage/share/jts-fleet/jts-fleet.jar"
# start-up archives are tied to the JVM binary and the jar's path and time: trained where it is installed
install -m 0755 "$top/packaging/train-archives.sh" "$stage/share/jts-fleet/train-archives.sh"
# --failure-level WARN: a broken cross reference or markup error fails the build instead of shipping
asciidoctor --failure-level WARN -b manpage -a reproducible -D "$stage/share/man/man1" "$top"/docs/man/*.adoc
java -cp "$jar" jts.fleet.controller.docs.ReferenceMain completion \
    "$stage/share/bash-completion/completions/jts-fleet" >/dev/null
java -cp "$jar" jts.fleet.controller.docs.ReferenceMain zsh-completion \
    "$stage/share/zsh/vendor-completions/_jts-fleet" >/dev/null
# standalone host scripts (generated from the pushed host code) for hosts or moments without the controller
install -m 0755 "$top/scripts/storage-status.sh" "$top/scripts/storage-benchmark.sh" "$stage/share/jts-fleet/scripts/"
install -m 0644 "$top/packaging/inventory.yaml.example" "$stage/etc/jts-fleet/inventory.yaml.example"
install -m 0644 "$top/README.md" "$stage/share/doc/jts-fleet/README.md"
for doc in "$top"/docs/*.md; do
    install -m 0644 "$doc" "$stage/share/doc/jts-fleet/"
done

find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tar -C "$out" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -cf - "$name" | gzip -9n > "$out/$name.tar.gz"
echo "$out/$name.tar.gz"
