#!/bin/sh
# jts-fleet watch: the cheap read of one tick. Uptime first (the interval clock), then the counters, in one
# process so both come from the same instant as closely as the kernel allows. $1 (optional): the host's sysroot
# (fixture tree, checked by use_sysroot of the host prelude); its proc/diskstats is read, the clock stays this
# machine's.
sysroot=${1:-}
use_sysroot watch-read
exec cat /proc/uptime "$sysroot/proc/diskstats"
