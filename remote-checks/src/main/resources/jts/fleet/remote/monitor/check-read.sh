#!/bin/sh
# jts-fleet check: two counter samples $1 seconds apart, then the metrics script's textfile ($2) for NVMe
# health and drift, separated by marker lines. A missing textfile (monitor not installed) is not an error.
set -u
case $1 in
    '' | *[!0-9.]*) echo "check-read: bad gap \"$1\"" >&2; exit 2 ;;
esac
cat /proc/uptime /proc/diskstats
echo '@@jts-check sample'
sleep "$1"
cat /proc/uptime /proc/diskstats
echo '@@jts-check textfile'
cat -- "$2" 2>/dev/null || true
