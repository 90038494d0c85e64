#!/bin/sh
# jts-fleet gather: everything the storage model needs, in ONE round trip, read-only.
#
# Usage: gather.sh [SYSROOT]   SYSROOT prefixes every path read (fixture trees in tests); default "/".
#
# Output: a list of what to read, then one grep's "PATH:CONTENT" lines for every file on it, then "@@done".
# jts.fleet.remote.model.GatherAssembler (on the controller) picks the lines, escapes and frames them:
#   @@jts-gather-raw 1 SYSROOT
#   <directives, see directives_and_reads below>
#   @@reads
#   PATH:CONTENT ...
#   @@done                      <- trailer: without it the output was cut short
#
# Cost: two processes per run, whatever the number of devices, mounts or processes: this sh, which only
# globs directories and resolves links (`cd -P`), and one grep, which reads every file. grep passes over a
# file that vanished or cannot be read (a device attribute answering EIO), where awk's getline would abort.
# (The `read` builtin costs one system call per byte in dash, and an awk for the framing was a fifth of a
# fleet-wide status on a loaded controller: the controller frames now.)
set -u
LC_ALL=C
export LC_ALL

sysroot=${1:-}
use_sysroot jts-gather
if [ -n "$sysroot" ]; then
    # resolve symlinks once, so that resolved sysfs paths can be made relative to it below
    if ! cd -P "$sysroot" 2>/dev/null; then
        echo "jts-gather: sysroot is not a directory: $sysroot" >&2
        exit 2
    fi
    S=$PWD
    [ "$S" = / ] && S=
    # the resolved path goes into the file list grep gets split on blanks: check it as the argument was
    case $S in
        *[!-A-Za-z0-9._/+:@,=]*)
            echo "jts-gather: sysroot resolves to a path with unexpected characters" >&2
            exit 2 ;;
    esac
else
    S=
fi

# The directives are collected in $out and written at once: dash writes every printf on its own, and each
# write can wake sshd for a packet of its own.
nl='
'
out=

# key=name1 name2 ... of the entries of a directory (slaves/, holders/)
names() {
    list=
    for n in "$2"/*; do
        [ -e "$n" ] || [ -L "$n" ] || continue
        list="$list${list:+ }${n##*/}"
    done
    out="${out}L $1=$list$nl"
}

# resolved path (relative to the sysroot) of a sysfs directory; used to find the transport
resolved() {
    if cd -P "$2" 2>/dev/null; then
        out="${out}L $1=${PWD#"$S"}$nl"
    fi
}

# KIND NAME: true when NAME can be printed on a frame line (no blanks, no control characters) and split from
# grep's "PATH:CONTENT" lines (no ":"); otherwise adds a "skipped" section saying why
usable_name() {
    case $2 in
        '' | *[![:graph:]]*) why="$1 name with blanks or control characters" ;;
        *:*) why="$1 name with a colon" ;;
        *) return 0 ;;
    esac
    out="${out}L @@section skipped${nl}L reason=$why${nl}L @@end$nl"
    return 1
}

driver() {
    for d in "$1/device/driver" "$1/device/device/driver"; do
        if cd -P "$d" 2>/dev/null; then
            out="${out}L driver=${PWD##*/}$nl"
            return 0
        fi
    done
}

# Prints the directives, one per line (GatherAssembler has the full list):
#   L TEXT       print TEXT as it is (frame lines and what sh worked out itself)
#   H            the host section (hostname, kernel)
#   B DIR        the attributes of a whole disk          P DIR   the attributes of a partition
#   U NAME DIR   the udev section of a device, found through DIR/dev
#   F PATH       a whole file                            T PATH  its last 200 lines
#   R PATH       the lines of a rules file that set a queue attribute
#   D MAJ:MIN    the backing device of a filesystem without a block device (NFS, CIFS, FUSE)
# and collects in $paths every file they need, for the one grep at the end.
directives_and_reads() {
    paths="$S/proc/sys/kernel/hostname $S/proc/sys/kernel/osrelease"
    out="@@jts-gather-raw 1 $S${nl}H$nl"
    for b in "$S"/sys/block/*; do
        [ -e "$b" ] || continue
        dev=${b##*/}
        usable_name 'block device' "$dev" || continue
        out="${out}L @@section block $dev$nl"
        real=
        if cd -P "$b" 2>/dev/null; then
            real=${PWD#"$S"}
            out="${out}L path=$real$nl"
        fi
        case $real in
            */devices/virtual/*) ;; # loop, dm, md, zram: no parent device, so no driver and no device/
            *) driver "$b" ;;
        esac
        out="${out}B $dev$nl"
        # One string, split once for grep: every name in it was checked for blanks, and globbing is off there.
        # Only attributes the device can have: a sysfs lookup that fails costs about as much as a read.
        # Relative to sys/block, where grep runs: two path lookups fewer per file, and shorter lines.
        paths="$paths $dev/dev $dev/size $dev/removable $dev/ro $dev/hidden"
        case $dev in
            dm-*) paths="$paths $dev/dm/name $dev/dm/uuid" ;;
            md*) paths="$paths $dev/md/level $dev/md/array_state" ;;
            loop* | zram* | ram*) ;;
            *) paths="$paths $dev/serial $dev/wwid" ;;
        esac
        case $real in
            */devices/virtual/*) ;;
            *) paths="$paths $dev/device/model $dev/device/vendor $dev/device/serial $dev/device/wwid" ;;
        esac
        # A loop device without a file attached (no loop/ directory: loop0-7 exist on every host) holds no
        # data and no queue worth reading; it keeps its identity lines.
        case $dev in
            loop*) [ -d "$b/loop" ] && queue=1 || queue= ;;
            *) queue=1 ;;
        esac
        if [ -n "$queue" ]; then
            paths="$paths $dev/queue/scheduler $dev/queue/read_ahead_kb $dev/queue/nr_requests"
            paths="$paths $dev/queue/rotational $dev/queue/rq_affinity $dev/queue/nomerges $dev/queue/add_random"
            paths="$paths $dev/queue/wbt_lat_usec $dev/queue/max_sectors_kb $dev/queue/max_hw_sectors_kb"
            paths="$paths $dev/queue/write_cache $dev/queue/discard_granularity $dev/queue/discard_max_bytes"
            paths="$paths $dev/queue/discard_max_hw_bytes $dev/queue/logical_block_size"
            paths="$paths $dev/queue/physical_block_size $dev/queue/zoned"
        fi
        names slaves "$b/slaves"
        names holders "$b/holders"
        out="${out}L @@end${nl}U $dev $dev$nl"

        # a partition's name always starts with its disk's (sda1, nvme0n1p1): no stat of every entry
        for p in "$b/$dev"*/partition; do
            [ -f "$p" ] || continue
            pd=${p%/partition}
            part=${pd##*/}
            usable_name partition "$part" || continue
            out="${out}L @@section part $part${nl}L parent=$dev$nl"
            resolved path "$pd"
            out="${out}P $dev/$part$nl"
            paths="$paths $dev/$part/partition $dev/$part/start $dev/$part/size $dev/$part/dev $dev/$part/ro"
            names holders "$pd/holders"
            out="${out}L @@end${nl}U $part $dev/$part$nl"
        done
    done
    cd / || exit 1

    out="${out}L @@section diskstats${nl}F $S/proc/diskstats${nl}L @@end$nl"
    out="${out}L @@section mountinfo${nl}F $S/proc/self/mountinfo${nl}L @@end$nl"
    # backing devices of filesystems without a block device (NFS, CIFS, FUSE get an anonymous 0:N): the
    # read-ahead and dirty share jts-fleet tunes for network mounts
    for b in "$S"/sys/class/bdi/0:*; do
        [ -d "$b" ] || continue
        n=${b##*/}
        case $n in *[!0-9:]*) continue ;; esac
        out="${out}D $n$nl"
        paths="$paths $b/read_ahead_kb $b/max_ratio"
    done
    paths="$paths $S/proc/diskstats $S/proc/self/mountinfo"
    # udev's database entries of block devices (named bMAJOR:MINOR): the controller picks each device's own
    for f in "$S"/run/udev/data/b*; do
        [ -f "$f" ] && paths="$paths $f"
    done

    # rules files: names, plus any line that sets a queue attribute (drift culprits)
    for d in /etc/udev/rules.d /run/udev/rules.d; do
        for f in "$S$d"/*.rules; do
            [ -f "$f" ] || continue
            n=${f##*/}
            case $n in
                *[!A-Za-z0-9._+-]*) continue ;;
            esac
            out="${out}L @@section udev-rules $d/$n${nl}R $f${nl}L @@end$nl"
            paths="$paths $f"
        done
    done

    if [ -f "$S/etc/tuned/active_profile" ]; then
        out="${out}L @@section tuned${nl}F $S/etc/tuned/active_profile${nl}L @@end$nl"
        paths="$paths $S/etc/tuned/active_profile"
    fi

    out="${out}L @@section env$nl"
    if [ -d "$S/run/systemd/system" ]; then out="${out}L systemd=1$nl"; else out="${out}L systemd=0$nl"; fi
    if [ -z "$S" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        out="${out}L trim_timer_next=$(systemctl show jts-fstrim.timer --property=NextElapseUSecRealtime \
            --value 2>/dev/null)$nl"
    fi
    # the same test tune-apply.sh makes before it reloads rules: the control socket udevadm talks to
    if [ -S "$S/run/udev/control" ]; then out="${out}L udevd=1$nl"; else out="${out}L udevd=0$nl"; fi
    printf '%s' "$out"
    out=
    # Whether fio is installed, not its version: `fio --version` was half of this script's CPU, and bench.sh
    # records the version of the fio that actually ran. (Printed as it is found: $(...) would fork.)
    if command -v fio >/dev/null 2>&1; then
        printf 'L fio=installed '
        command -v fio
    fi
    out="L @@end$nl"

    if [ -f "$S/var/lib/jts-fleet/state.json" ]; then
        out="${out}L @@section state${nl}F $S/var/lib/jts-fleet/state.json${nl}L @@end$nl"
        paths="$paths $S/var/lib/jts-fleet/state.json"
    fi
    # TRIM history grows a line per filesystem and run and is never rotated: only its tail travels
    trimlog=
    if [ -f "$S/var/lib/jts-fleet/trim.jsonl" ]; then
        trimlog=$S/var/lib/jts-fleet/trim.jsonl
        out="${out}L @@section trimlog${nl}T $trimlog${nl}L @@end$nl"
    fi
    printf '%sL @@done\n@@reads\n' "$out"
    set -f
    IFS=' '
    # no sys/block (some containers): the list holds only absolute paths then
    cd "$S/sys/block" 2>/dev/null || cd / || exit 1
    # shellcheck disable=SC2086 # split on purpose, see above
    grep -a -s -H -e '' -- $paths
    status=$?
    # 0 or 1: read; 2: some file could not be read (normal: vanished, EIO). Anything else (126 "argument list
    # too long", 127 no grep) means nothing was read: no trailer, so the controller reports a failed gather.
    if [ "$status" -gt 2 ]; then
        echo "jts-gather: grep over ${#paths} bytes of paths failed with status $status" >&2
        exit 3
    fi
    if [ -n "$trimlog" ]; then
        # lines up to "@@done" are the file's last 200 (GatherAssembler; the echo ends an unterminated line)
        echo "@@tail $trimlog"
        tail -n 200 "$trimlog" 2>/dev/null
        echo
    fi
    echo '@@done'
}

directives_and_reads
