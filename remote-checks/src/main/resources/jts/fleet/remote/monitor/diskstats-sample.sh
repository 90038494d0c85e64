#!/bin/sh
# jts-fleet shell: two samples of the block-device counters, INTERVAL seconds apart, in ONE round trip.
#
# Usage: diskstats-sample.sh INTERVAL [SYSROOT]
#   INTERVAL  whole seconds between the samples, 1..3600
#   SYSROOT   prefixes /proc (fixture trees in tests); default "/"
#
# Output (parsed by jts.fleet.controller.shell.DiskSampling):
#   @@sample 1
#   <uptime line>
#   <diskstats lines>
#   @@tick                      <- once per second of the interval
#   @@sample 2
#   <uptime line>
#   <diskstats lines>
#   @@done
# Each sample is one `cat` of /proc/uptime and /proc/diskstats, so the rates use the host's own clock.
#
# Why the ticks: a command started without a PTY outlives its SSH channel, and sshd refuses the controller's
# KILL on root logins (and on others it only reaches the login shell, not `timeout`'s own process group).
# Writing one line per second makes the script die of SIGPIPE within a second of the channel closing
# (Ctrl-C in the shell), instead of sleeping on until its host-side timeout.
set -u
LC_ALL=C
export LC_ALL

interval=${1:-}
case $interval in
    '' | *[!0-9]*)
        printf "jts-diskstats: interval must be whole seconds, got '%s'\n" "$interval" >&2
        exit 2 ;;
esac
if [ "$interval" -lt 1 ] || [ "$interval" -gt 3600 ]; then
    printf 'jts-diskstats: interval must be 1..3600 s, got %s\n' "$interval" >&2
    exit 2
fi
sysroot=${2:-}
use_sysroot jts-diskstats

echo '@@sample 1'
cat "$sysroot/proc/uptime" "$sysroot/proc/diskstats" || exit 1
i=0
while [ "$i" -lt "$interval" ]; do
    sleep 1
    echo '@@tick'
    i=$((i + 1))
done
echo '@@sample 2'
cat "$sysroot/proc/uptime" "$sysroot/proc/diskstats" || exit 1
echo '@@done'
