#!/bin/sh
# jts-fleet watch: ONE long-running sampler per host. Every INTERVAL it prints a frame with the host's
# monotonic clock (/proc/uptime) and the block-device counters (/proc/diskstats), read by one `cat` so both
# come from the same instant as closely as the kernel allows:
#   @@jts-sample SEQ
#   <uptime line>
#   <diskstats lines>
#   @@jts-end SEQ
# SEQ numbers the slots of a fixed schedule on the host's clock, from 0; a sampler that falls behind (a
# starved CPU) skips the slots it missed and its SEQ jumps by as many: the controller shows the gap. It dies with its channel: the next frame written to a closed channel ends it (SIGPIPE or a
# failed write), within one INTERVAL. It also ends by itself after LIFETIME seconds (and the controller's
# `timeout` wrapper bounds it too); the controller then starts a new one.
#
# Usage: watch-stream.sh INTERVAL_MS LIFETIME_S [SYSROOT]
#   INTERVAL_MS  100..3600000; the schedule has the 10 ms resolution of /proc/uptime
#   LIFETIME_S   1..86400
#   SYSROOT      diskstats read inside it (fixture trees); the clock stays this machine's
set -u
LC_ALL=C
export LC_ALL

interval_ms=${1:-}
lifetime=${2:-}
case $interval_ms in '' | *[!0-9]*) printf "watch-stream: INTERVAL_MS must be a number, got '%s'\n" "$interval_ms" >&2; exit 2 ;; esac
case $lifetime in '' | *[!0-9]*) printf "watch-stream: LIFETIME_S must be a number, got '%s'\n" "$lifetime" >&2; exit 2 ;; esac
if [ "$interval_ms" -lt 100 ] || [ "$interval_ms" -gt 3600000 ] || [ "$lifetime" -lt 1 ] || [ "$lifetime" -gt 86400 ]; then
    printf 'watch-stream: INTERVAL_MS 100..3600000 and LIFETIME_S 1..86400, got %s %s\n' "$interval_ms" "$lifetime" >&2
    exit 2
fi
sysroot=${3:-}
use_sysroot watch-stream

# now = /proc/uptime in centiseconds ("12345.67 ..." -> 1234567): builtins only, no process per reading
read_clock() {
    read -r up _ < /proc/uptime
    now=$(( ${up%.*} * 100 + 1${up#*.} - 100 ))
}

step=$(( (interval_ms + 5) / 10 ))
read_clock
next=$now
end=$(( next + lifetime * 100 ))
seq=0
while :; do
    printf '@@jts-sample %d\n' "$seq" || exit 0
    cat /proc/uptime "$sysroot/proc/diskstats" || exit 3
    printf '@@jts-end %d\n' "$seq" || exit 0
    seq=$(( seq + 1 ))
    next=$(( next + step ))
    read_clock
    [ "$now" -lt "$end" ] || exit 0
    wait=$(( next - now ))
    if [ "$wait" -le 0 ]; then
        # behind: skip the slots already missed; SEQ counts them, so the controller sees the gap
        missed=$(( -wait / step + 1 ))
        seq=$(( seq + missed ))
        next=$(( next + missed * step ))
        wait=$(( next - now ))
    fi
    sleep "$(( wait / 100 )).$(( wait % 100 / 10 ))$(( wait % 10 ))" || exit 0
done
