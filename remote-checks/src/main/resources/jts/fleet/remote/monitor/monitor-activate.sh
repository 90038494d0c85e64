#!/bin/sh
# monitor-activate: after the files were pushed, reload systemd and enable jts-metrics.timer where systemd is
# PID 1 (/run/systemd/system exists). Prints "systemd absent" or "systemd present" then "next <elapse>".
set -u
LC_ALL=C
export LC_ALL
# shellcheck disable=SC2034  # read by die (host prelude)
prog=monitor-activate
if [ ! -d /run/systemd/system ]; then
    echo "systemd absent"
    exit 0
fi
echo "systemd present"
systemctl daemon-reload || die 1 "systemctl daemon-reload failed"
systemctl enable --now jts-metrics.timer || die 1 "enable --now jts-metrics.timer failed"
echo "next $(systemctl show -p NextElapseUSecRealtime --value jts-metrics.timer)"
