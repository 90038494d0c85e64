#!/bin/sh
# jts-fleet watch: the cheap read of one tick. Uptime first (the interval clock), then the counters, in one
# process so both come from the same instant as closely as the kernel allows. $1 (optional): the host's sysroot
# (fixture tree); its proc/diskstats is read, the clock stays this machine's.
case ${1:-} in
    '') exec cat /proc/uptime /proc/diskstats ;;
    /*) ;;
    *) echo "watch-read: sysroot must be an absolute path" >&2; exit 2 ;;
esac
exec cat /proc/uptime "$1/proc/diskstats"
