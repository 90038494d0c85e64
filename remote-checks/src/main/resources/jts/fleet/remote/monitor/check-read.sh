#!/bin/sh
# jts-fleet check: two counter samples $1 seconds apart, then the metrics script's textfile ($2) for NVMe
# health and drift, separated by marker lines. A missing textfile (monitor not installed) is not an error.
# $3 (optional): the host's sysroot (fixture tree): diskstats and the textfile are read inside it, the clock
# (uptime) stays this machine's.
set -u
case $1 in
    '' | *[!0-9.]*) echo "check-read: bad gap \"$1\"" >&2; exit 2 ;;
esac
root=${3:-}
case $root in
    '' | /*) ;;
    *) echo "check-read: sysroot must be an absolute path" >&2; exit 2 ;;
esac
cat /proc/uptime "$root/proc/diskstats"
echo '@@jts-check sample'
sleep "$1"
cat /proc/uptime "$root/proc/diskstats"
echo '@@jts-check textfile'
cat -- "$root$2" 2>/dev/null || true
