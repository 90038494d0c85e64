#!/bin/sh
# trim-activate SYSTEMD_DIR MASK: after the units were pushed, reload systemd and enable the jts-fstrim timer.
# SYSTEMD_DIR is /run/systemd/system (exists only while systemd is PID 1); MASK=yes also stops, disables and
# masks util-linux's fstrim.timer so filesystems are not trimmed twice. Prints "key value" lines:
#   systemd absent|present, fstrim.timer <is-enabled state>, masked fstrim.timer, next <NextElapseUSecRealtime>
set -u
LC_ALL=C
export LC_ALL
# shellcheck disable=SC2034  # read by die (host prelude)
prog=trim-activate

systemd_dir=${1:-}
mask=${2:-}
case $systemd_dir in /*) ;; *) die 2 "SYSTEMD_DIR must be absolute: \"$systemd_dir\"" ;; esac
case $mask in yes|no) ;; *) die 2 "MASK must be yes or no: \"$mask\"" ;; esac

if [ ! -d "$systemd_dir" ]; then
    echo "systemd absent"
    exit 0
fi
echo "systemd present"
systemctl daemon-reload || die 1 "systemctl daemon-reload failed"
systemctl enable --now jts-fstrim.timer || die 1 "systemctl enable --now jts-fstrim.timer failed"
# is-enabled exits non-zero for disabled/masked/missing units; the printed state is what matters
state=$(systemctl is-enabled fstrim.timer 2>/dev/null)
echo "fstrim.timer ${state:-not-found}"
if [ "$mask" = yes ] && [ "$state" != masked ] && [ -n "$state" ]; then
    systemctl disable --now fstrim.timer >/dev/null 2>&1
    systemctl mask fstrim.timer || die 1 "systemctl mask fstrim.timer failed"
    echo "masked fstrim.timer"
fi
echo "next $(systemctl show -p NextElapseUSecRealtime --value jts-fstrim.timer)"
