#!/bin/sh
# CI check of the Debian package (needs root and a built jar): build it, install it with dpkg -i, run the
# installed /usr/bin/jts-fleet (--version, status, man page, bash completion), purge it and check that no
# file it installed is left. Called from .ci/run after `make test`; `make deb-check` runs it by hand.
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)

fail() {
    echo "ci-deb: FAIL: $*" >&2
    exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (dpkg -i)"
if dpkg-query -W -f='${Status}' jts-fleet 2>/dev/null | grep -q 'install ok installed'; then
    fail "jts-fleet is already installed on this machine; refusing to replace or purge it"
fi

work=$(mktemp -d /tmp/jts-fleet-ci-deb.XXXXXX)
installed=no
cleanup() {
    if [ "$installed" = yes ]; then
        dpkg -P jts-fleet >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

deb=$(DIST_DIR="$work/dist" "$top/packaging/build-deb.sh")
echo "ci-deb: built $deb"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\):/ci-deb:   \1:/p'

dpkg -i "$deb"
installed=yes
dpkg-query -L jts-fleet > "$work/files"
# Slim container images tell dpkg to skip man pages (path-exclude=/usr/share/man/*): then check the archive.
man_excluded=no
if grep -qs '^path-exclude=/usr/share/man' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/*; then
    man_excluded=yes
    dpkg-deb -c "$deb" | grep -q ' \./usr/share/man/man1/jts-fleet\.1\.gz$' || fail "package has no jts-fleet.1.gz"
    echo "ci-deb: note: dpkg excludes /usr/share/man here; man pages checked in the archive only"
fi
for path in /usr/bin/jts-fleet /usr/share/jts-fleet/jts-fleet.jar /usr/share/man/man1/jts-fleet.1.gz \
    /usr/share/bash-completion/completions/jts-fleet /usr/share/zsh/vendor-completions/_jts-fleet \
    /etc/jts-fleet/inventory.yaml.example; do
    case $path in /usr/share/man/*) [ "$man_excluded" = no ] || continue ;; esac
    grep -qx "$path" "$work/files" || fail "package does not install $path"
    [ -e "$path" ] || fail "$path missing after dpkg -i"
done
[ ! -e /etc/jts-fleet/inventory.yaml ] || echo "ci-deb: note: /etc/jts-fleet/inventory.yaml exists and is used"

# Run from an empty directory with a clean environment: no ./inventory.yaml, no JTS_FLEET_JAR, so the installed
# launcher must find the installed jar by itself.
mkdir "$work/run"
cd "$work/run"
version_out=$(env -u JTS_FLEET_JAR /usr/bin/jts-fleet --version) || fail "jts-fleet --version exited $?"
echo "ci-deb: /usr/bin/jts-fleet --version: $(echo "$version_out" | head -n 1)"
expected=$(basename "$deb" | sed 's/^jts-fleet_\(.*\)_all\.deb$/\1/')
echo "$version_out" | grep -q "^jts-fleet $expected\$" || fail "--version says \"$version_out\", package is $expected"

# postinst trained the start-up archives for this machine's JVMs; the launcher must use each with its JVM: a
# forced archive (-Xshare:on, or -XX:AOTMode=on for a Java 25+ AOT cache) fails the run when it cannot be mapped.
[ -f /var/cache/jts-fleet/jts-fleet.jsa ] || [ -f /var/cache/jts-fleet/jts-fleet.aot ] \
    || fail "postinst trained no start-up archive into /var/cache/jts-fleet"
if [ -f /var/cache/jts-fleet/jts-fleet.jsa ]; then
    env -u JTS_FLEET_JAR JTS_FLEET_JAVA_OPTS=-Xshare:on /usr/bin/jts-fleet --help >/dev/null \
        || fail "jts-fleet --help with -Xshare:on (the class-data archive postinst trained) exited $?"
fi
if [ -f /var/cache/jts-fleet/jts-fleet.aot ]; then
    aot_java=$(cat /var/cache/jts-fleet/jts-fleet.aot.java)
    env -u JTS_FLEET_JAR JAVA_HOME="${aot_java%/bin/java}" JTS_FLEET_JAVA_OPTS=-XX:AOTMode=on /usr/bin/jts-fleet --help \
        >/dev/null || fail "jts-fleet --help on $aot_java with -XX:AOTMode=on (the AOT cache postinst trained) exited $?"
fi
echo "ci-deb: start-up archives in use: $(ls /var/cache/jts-fleet)"

status=0
env -u JTS_FLEET_JAR /usr/bin/jts-fleet status > "$work/status.out" 2> "$work/status.err" || status=$?
sed 's/^/ci-deb:   /' "$work/status.out"
[ "$status" -eq 0 ] || { cat "$work/status.err" >&2; fail "jts-fleet status exited $status"; }
grep -q 'local' "$work/status.out" || fail "jts-fleet status did not report host local"

if [ "$man_excluded" = no ] && command -v man >/dev/null 2>&1; then
    man -w jts-fleet-status >/dev/null 2>&1 || fail "man page jts-fleet-status not found by man"
fi
# bash completion: the installed script must complete a command name
completion=$(bash -c '. /usr/share/bash-completion/completions/jts-fleet
    COMP_WORDS=(jts-fleet sta); COMP_CWORD=1; COMP_LINE="jts-fleet sta"; COMP_POINT=${#COMP_LINE}
    _complete_jts-fleet jts-fleet sta jts-fleet; printf "%s\n" "${COMPREPLY[@]}"') \
    || fail "bash completion script failed"
echo "$completion" | grep -qx 'status' || fail "bash completion of 'jts-fleet sta' gave: $completion"

dpkg -P jts-fleet
installed=no
left=""
while IFS= read -r path; do
    case $path in
        /. | /usr | /usr/bin | /usr/share | /usr/share/man | /usr/share/man/man1 | /usr/share/doc | /etc | \
            /usr/share/bash-completion | /usr/share/bash-completion/completions) continue ;;
    esac
    if [ -d "$path" ] && [ ! -L "$path" ]; then
        # a directory dpkg kept because other files live in it (e.g. /etc/jts-fleet/trim.conf pushed by tests)
        # is fine; an empty one it should have removed is not
        if [ -z "$(ls -A "$path")" ]; then
            left="$left $path/"
        fi
    elif [ -e "$path" ] || [ -L "$path" ]; then
        left="$left $path"
    fi
done < "$work/files"
[ -z "$left" ] || fail "left after dpkg -P:$left"
dpkg-query -W jts-fleet >/dev/null 2>&1 && fail "dpkg still knows jts-fleet after purge"
[ ! -e /var/cache/jts-fleet ] || fail "left after dpkg -P: /var/cache/jts-fleet"
echo "ci-deb: OK (installed, ran --version and status from /usr/bin/jts-fleet, purged, nothing left)"
