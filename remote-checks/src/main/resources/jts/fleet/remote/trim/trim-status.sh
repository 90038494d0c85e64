#!/bin/sh
# trim-status: what `jts-fleet status` shows about TRIM. Prints "next VALUE" (the jts-fstrim.timer's next
# elapse as systemd prints it, "-" without systemd or timer), then the last 200 run records of trim.jsonl.
set -u
PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL
log=/var/lib/jts-fleet/trim.jsonl
next=
if [ -d /run/systemd/system ]; then
    next=$(systemctl show -p NextElapseUSecRealtime --value jts-fstrim.timer 2>/dev/null)
fi
printf 'next %s\n' "${next:--}"
if [ -r "$log" ]; then
    tail -n 200 "$log"
fi
