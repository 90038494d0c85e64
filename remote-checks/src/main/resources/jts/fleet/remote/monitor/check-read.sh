#!/bin/sh
# jts-fleet check: two counter samples $1 seconds apart, then the metrics script's textfile ($2) for NVMe
# health and drift, separated by marker lines. A missing textfile (monitor not installed) is not an error.
# $3 (optional): the host's sysroot (fixture tree, checked by use_sysroot of the host prelude): diskstats and the
# textfile are read inside it, the clock (uptime) stays this machine's.
set -u
prog=check-read
LC_ALL=C
export LC_ALL
case $1 in
    '' | *[!0-9.]*) die 2 "bad gap \"$1\"" ;;
esac
# the controller's rule again (HostReads.checkArgs): absolute, no ".." anywhere, no control character (Java's
# isISOControl: C0 and DEL, byte by byte in the C locale, and C1, U+0080..U+009F, as UTF-8 gives them: \302\200-\237)
c1=$(printf '\302[\200-\237]')
# shellcheck disable=SC2254  # $c1 is a pattern
case ${2:-} in
    '' | [!/]* | *..* | *[[:cntrl:]]* | *$c1*)
        die 2 "textfile path \"${2:-}\" must be absolute, without .. or control characters" ;;
esac
sysroot=${3:-}
use_sysroot "$prog"
cat /proc/uptime "$sysroot/proc/diskstats"
echo '@@jts-check sample'
sleep "$1"
cat /proc/uptime "$sysroot/proc/diskstats"
echo '@@jts-check textfile'
cat -- "$sysroot$2" 2>/dev/null || true
