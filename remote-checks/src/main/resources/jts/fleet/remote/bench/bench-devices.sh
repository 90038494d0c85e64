#!/bin/sh
# jts-fleet bench-devices.sh -- fixed host script: which block devices hold directory TARGET, and their
# queue settings. The filesystem's device number leads to /sys/dev/block/MAJ:MIN; a partition resolves to its
# disk, a dm/md device to its slaves (recursively): those leaves are where scheduler & co. take effect.
#
# usage: bench-devices.sh TARGET
# stdout: @@jts-bench-devices 1, a "target" section, one "device NAME" section per device (role=top|leaf).
set -u
# What is recorded of each device's queue: every attribute jts-fleet may write (WriteOrder.BLOCK_QUEUE, put in by
# BenchScripts.text()) and what says what the device is.
READ_ATTRS="@@QUEUE_ATTRS@@ rotational logical_block_size"

printf '@@jts-bench-devices 1\n'
[ "$#" -eq 1 ] || fail 2 "usage: bench-devices.sh TARGET"
target=$1
case $target in
    /*) ;;
    *) fail 2 "target must be an absolute path" ;;
esac
case $target in
    */../*|*/..|*/./*|*[![:print:]]*) fail 2 "target must not contain '..', '.' or control characters" ;;
esac
if [ -b "$target" ]; then
    # a raw device (bench run --device): its own numbers, hex in stat's %t/%T
    major=$(printf '%d' "0x$(stat -L -c '%t' -- "$target")")
    minor=$(printf '%d' "0x$(stat -L -c '%T' -- "$target")")
    emit target "path=$target
fstype=raw
source=$target
majmin=$major:$minor"
else
    [ -d "$target" ] || fail 3 "target $target is not a directory"
    dev=$(stat -L -c '%d' -- "$target") || fail 3 "cannot stat $target"
    # Linux dev_t encoding (glibc gnu_dev_major/minor)
    major=$(( ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff) ))
    minor=$(( (dev & 0xff) | ((dev >> 12) & ~0xff) ))
    emit target "path=$target
fstype=$(stat -f -L -c '%T' -- "$target")
source=$(df -P -- "$target" | awk 'NR == 2 { print $1 }')
majmin=$major:$minor"
fi

top=/sys/dev/block/$major:$minor
[ -e "$top" ] || exit 0
top=$(readlink -f -- "$top")
if [ -f "$top/partition" ]; then
    top=${top%/*}
fi

print_device() { # $1 = sysfs directory of a whole disk or dm/md device, $2 = role
    name=${1##*/}
    valid_device "$name" || return
    attrs="role=$2"
    for attr in $READ_ATTRS; do
        if [ -r "$1/queue/$attr" ]; then
            attrs="$attrs
$attr=$(cat -- "$1/queue/$attr" 2>/dev/null)"
        fi
    done
    emit "device $name" "$attrs"
}

# breadth-first over slaves/; sysfs paths hold no blanks, so a space-separated work list is safe
work=$top
seen=" "
while [ -n "$work" ]; do
    cur=${work%% *}
    if [ "$cur" = "$work" ]; then work=; else work=${work#* }; fi
    case $seen in *" $cur "*) continue ;; esac
    seen="$seen$cur "
    slaves=
    for s in "$cur"/slaves/*; do
        [ -e "$s" ] || continue
        s=$(readlink -f -- "$s")
        [ -f "$s/partition" ] && s=${s%/*}
        slaves="$slaves $s"
    done
    if [ -n "$slaves" ]; then
        role=top
        [ "$cur" = "$top" ] || role=middle
        print_device "$cur" "$role"
        work="$work$slaves"
        work=${work# }
    elif [ "$cur" = "$top" ]; then
        print_device "$cur" "top,leaf"
    else
        print_device "$cur" leaf
    fi
done
