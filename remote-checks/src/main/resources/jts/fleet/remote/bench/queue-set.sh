#!/bin/sh
# jts-fleet queue-set.sh -- fixed host script: set one allowlisted block-queue attribute of one device, for
# A/B experiments and their restore. The device name, the attribute (QueueAttribute allowlist) and the value
# are validated here again; a scheduler must be one the device offers.
#
# usage: queue-set.sh DEVICE ATTRIBUTE VALUE [SYSROOT [CONTEXT]]
# stdout: "old=VALUE" and "new=VALUE" (scheduler as the bare active name); exit 2 invalid input,
#         3 no such device/attribute, 4 the kernel refused the write. SYSROOT: a fixture tree whose
#         sys/block is written instead of this machine's. CONTEXT (the controller's change context): the write
#         is recorded in SYSROOT/var/lib/jts-fleet/changes.jsonl.
set -u
# The block-queue attributes jts-fleet may write, the allowlist checked here again: WriteOrder.BLOCK_QUEUE
# (Java), put in by BenchScripts.text(); unfilled, it allows nothing.
QUEUE_ATTRS="@@QUEUE_ATTRS@@"
if [ "$#" -lt 3 ] || [ "$#" -gt 5 ]; then
    echo "usage: queue-set.sh DEVICE ATTRIBUTE VALUE [SYSROOT [CONTEXT]]" >&2
    exit 2
fi
dev=$1 attr=$2 value=$3 sysroot=${4:-} context=${5:-}
use_sysroot queue-set.sh
valid_device "$dev" || { echo "device name must match [A-Za-z0-9._:+-]+" >&2; exit 2; }
in_list "$attr" "$QUEUE_ATTRS" || { echo "attribute $attr is not allowlisted" >&2; exit 2; }
case $attr in
    scheduler) case $value in ''|*[!a-z0-9_-]*) echo "scheduler name must match [a-z0-9_-]+" >&2; exit 2 ;; esac ;;
    write_cache) case $value in "write back"|"write through") ;; *) echo "write_cache must be 'write back' or 'write through'" >&2; exit 2 ;; esac ;;
    *) case $value in ''|*[!0-9]*) echo "$attr must be a non-negative integer" >&2; exit 2 ;; esac ;;
esac
file=$sysroot/sys/block/$dev/queue/$attr
[ -e "$file" ] || { echo "$file does not exist" >&2; exit 3; }

current() {
    v=$(cat -- "$file") || return 1
    if [ "$attr" = scheduler ]; then
        v=${v#*[}
        v=${v%%]*}
    fi
    printf '%s\n' "$v"
}

if [ "$attr" = scheduler ]; then
    offered=" $(tr -d '[]' < "$file") "
    case $offered in
        *" $value "*) ;;
        *) echo "$dev: scheduler $value is not offered (available:$(tr -d '[]' < "$file"))" >&2; exit 3 ;;
    esac
fi
old=$(current) || { echo "cannot read $file" >&2; exit 3; }
echo "old=$old"
work=$(work_dir jts-queue-set) || exit 1
trap 'rm -rf "$work"' EXIT
change_open "$context" "$sysroot/var/lib/jts-fleet" queue-set "$sysroot" "$work" \
    || { echo "the change context is not one line of jts-fleet JSON: nothing written" >&2; exit 2; }
change_item "$dev" "$attr" "$old" "$value" planned
change_write intent || { echo "cannot record the change in $sysroot/var/lib/jts-fleet/changes.jsonl: nothing written" >&2; exit 4; }
if ! err=$(printf '%s\n' "$value" 2>&1 > "$file"); then
    echo "write $file = \"$value\": ${err:-refused}" >&2
    change_item "$dev" "$attr" "$old" "$old" failed "${err:-refused}"
    change_write outcome failed "write $file = \"$value\": ${err:-refused}" || true
    exit 4
fi
new=$(current)
echo "new=$new"
if [ "$new" = "$old" ]; then
    change_item "$dev" "$attr" "$old" "$new" ok
    change_write outcome ok || true
else
    change_item "$dev" "$attr" "$old" "$new" changed
    change_write outcome changed || true
fi
