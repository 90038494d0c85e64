#!/bin/sh
# monitor-activate: after the files were pushed, reload systemd and enable jts-metrics.timer where systemd is
# PID 1 (/run/systemd/system exists). Prints "systemd absent" or "systemd present" then "next <elapse>".
set -u
LC_ALL=C
export LC_ALL
if [ ! -d /run/systemd/system ]; then
    echo "systemd absent"
    exit 0
fi
echo "systemd present"
systemctl daemon-reload || { echo "monitor-activate: systemctl daemon-reload failed" >&2; exit 1; }
systemctl enable --now jts-metrics.timer || { echo "monitor-activate: enable --now jts-metrics.timer failed" >&2; exit 1; }
echo "next $(systemctl show -p NextElapseUSecRealtime --value jts-metrics.timer)"
