#!/bin/sh
# jts-fleet watch: the cheap read of one tick. Uptime first (the interval clock), then the counters, in one
# process so both come from the same instant as closely as the kernel allows.
exec cat /proc/uptime /proc/diskstats
