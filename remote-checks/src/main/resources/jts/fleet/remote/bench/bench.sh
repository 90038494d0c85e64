#!/bin/sh
# jts-fleet:bench-main -- fixed host script of `jts-fleet bench run` (the marker above lets
# bench-cleanup.sh find this process by its run id).
#
# usage: bench.sh [--state-dir DIR] [--change CONTEXT] TARGET RUNID RUNTIME REQUIRED_BYTES PROFILE...
#        bench.sh [--state-dir DIR] [--change CONTEXT] --device /dev/X RUNID RUNTIME REGION_BYTES PROFILE...
#        (--device destroys /dev/X's data)
# CONTEXT (the controller's change context): the run is recorded in DIR/changes.jsonl (DIR: a plain absolute
# path, /var/lib/jts-fleet by default), an intent before the first write and an outcome when it ends, however it
# ends.
# stdin: one fio job file per profile, each introduced by a line "@@profile NAME". The job files are
#        rendered by the controller from validated profiles and use ${JTS_BENCH_DIR} (or ${JTS_BENCH_DEV}),
#        ${JTS_IOENGINE} and ${JTS_DIRECT}, which this script exports after probing the host.
# A raw device is refused when it or a partition of it is mounted, used as swap or held by dm/md/LVM; its
# first REGION_BYTES are written once before the profiles so reads read written data.
# stdout: framed sections (@@section NAME [KEY] ... @@end); exit 0, or
#         2 usage, 3 target unusable, 4 not enough free space, 5 fio failed, 127 fio missing.
set -u

printf '@@jts-bench 1\n'
state_dir=/var/lib/jts-fleet
if [ "${1:-}" = --state-dir ]; then
    [ "$#" -ge 2 ] || fail 2 "--state-dir needs a value"
    state_dir=$2
    shift 2
    valid_path "$state_dir" || fail 2 "state directory must be a plain absolute path"
fi
context=
if [ "${1:-}" = --change ]; then
    context=${2-}
    shift 2 || fail 2 "--change needs a value"
fi
mode=directory
if [ "${1:-}" = --device ]; then
    mode=device
    shift
fi
[ "$#" -ge 5 ] || fail 2 "usage: bench.sh TARGET RUNID RUNTIME REQUIRED_BYTES PROFILE..."
target=$1 runid=$2 runtime=$3 required=$4
shift 4
problem=$(bench_args_problem "$target" "$runid")
[ -z "$problem" ] || fail 2 "$problem"
case $runtime in ''|*[!0-9]*) fail 2 "runtime must be a number of seconds" ;; esac
case $required in ''|*[!0-9]*) fail 2 "required bytes must be a number" ;; esac
for p in "$@"; do
    case $p in ''|[!a-z0-9]*|*[!a-z0-9._-]*) fail 2 "bad profile name" ;; esac
done

command -v fio >/dev/null 2>&1 || fail 127 "fio not installed: apt-get install fio / dnf install fio"
JTS_BENCH_DEV=
if [ "$mode" = device ]; then
    case $target in /dev/*) ;; *) fail 2 "device must be a path under /dev" ;; esac
    [ -b "$target" ] || fail 3 "$target is not a block device"
    name=$(readlink -f -- "$target")
    name=${name##*/}
    valid_device "$name" || fail 3 "$target resolves to an unexpected device name"
    sys=/sys/class/block/$name
    [ -f "$sys/dev" ] || fail 3 "$target: no $sys"
    # fio#1637: writing to a device in use destroys a filesystem or an array member
    for part in "$sys" "$sys/$name"*; do
        [ -f "$part/dev" ] || continue
        pname=${part##*/}
        majmin=$(cat -- "$part/dev")
        if awk -v mm="$majmin" '$3 == mm { found = 1 } END { exit !found }' /proc/self/mountinfo; then
            fail 3 "$target: $pname is mounted; refusing to write to it"
        fi
        if awk -v d="/dev/$pname" '$1 == d { found = 1 } END { exit !found }' /proc/swaps 2>/dev/null; then
            fail 3 "$target: $pname is in use as swap; refusing to write to it"
        fi
        for holder in "$part"/holders/*; do
            [ -e "$holder" ] && fail 3 "$target: $pname is held by ${holder##*/} (dm, md or LVM); refusing to write to it"
        done
    done
    [ "$(cat -- "$sys/ro" 2>/dev/null)" = 1 ] && fail 3 "$target is read-only"
    avail=$(( $(cat -- "$sys/size") * 512 ))
    [ "$avail" -ge "$required" ] || fail 4 "device $target has $avail bytes, $required bytes needed"
    JTS_BENCH_DEV=$target
    rundir=/tmp/.jts-fleet-bench-$runid
else
    [ -d "$target" ] || fail 3 "target $target is not a directory"
    [ -w "$target" ] || fail 3 "target $target is not writable"

    avail_kb=$(df -Pk "$target" | awk 'NR == 2 { print $4 }')
    case $avail_kb in ''|*[!0-9]*) fail 3 "cannot read free space of $target from df" ;; esac
    avail=$((avail_kb * 1024))
    [ "$avail" -ge "$required" ] || fail 4 "not enough free space on $target: $avail bytes free, $required bytes needed"
    rundir=$target/.jts-fleet-bench-$runid
fi
fiopid=
recording=$(work_dir jts-bench-change) || fail 3 "cannot create a temporary directory"
# the run id, so bench-cleanup.sh finds this directory when bench.sh was killed before its trap ran (SIGKILL)
printf '%s\n' "$runid" >"$recording/run-id" || { rm -rf -- "$recording"; fail 3 "cannot write in $recording"; }
change_open "$context" "$state_dir" bench "" "$recording" \
    || { rm -rf -- "$recording"; fail 2 "the change context is not one line of jts-fleet JSON"; }
what="fio $(printf '%s ' "$@")"
what=${what% }
note="test files written in $rundir and removed"
[ "$mode" = directory ] || note="the first $required bytes of $target overwritten"
outcome_due=0
own_rundir=0
# shellcheck disable=SC2317  # called from the traps below
cleanup() {
    status=$?
    if [ -n "$fiopid" ]; then
        kill "$fiopid" 2>/dev/null
        wait "$fiopid" 2>/dev/null
        fiopid=
    fi
    [ "$own_rundir" = 0 ] || rm -rf -- "$rundir"
    if [ "$outcome_due" = 1 ]; then
        if [ "$status" = 0 ]; then
            change_item "$target" benchmark "" "$what" ok "$note"
            change_write outcome ok || true
        else
            change_item "$target" benchmark "" "$what" failed "$note; exit $status"
            change_write outcome failed "bench.sh exited $status" || true
        fi
    fi
    rm -rf -- "$recording"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
change_item "$target" benchmark "" "$what" planned "$note"
change_write intent || fail 3 "cannot record the change in $state_dir/changes.jsonl: nothing written"
outcome_due=1
mkdir -- "$rundir" || fail 3 "cannot create $rundir"
own_rundir=1

awk -v dir="$rundir" '
    /^@@profile [a-z0-9][a-z0-9._-]*$/ { if (file != "") close(file); file = dir "/" $2 ".fio"; next }
    file == "" { exit 3 }
    { print > file }
' || fail 2 "stdin must start with a line @@profile NAME"
for p in "$@"; do
    [ -f "$rundir/$p.fio" ] || fail 2 "no job file for profile $p on stdin"
done

# O_DIRECT probe: some FUSE filesystems (and tmpfs before Linux 6.6) refuse it; then results measure the page
# cache. tmpfs/ramfs are memory even when they accept O_DIRECT, so they count as refusing.
fstype=raw
[ "$mode" = device ] || fstype=$(stat -f -L -c '%T' -- "$target" 2>/dev/null)
case $fstype in
    raw)
        # read-only probe: never write outside the benchmark's own region
        if dd if="$target" of=/dev/null bs=4096 count=1 iflag=direct >/dev/null 2>&1; then
            JTS_DIRECT=1 direct_note="O_DIRECT accepted"
        else
            JTS_DIRECT=0 direct_note="O_DIRECT refused by $target"
        fi
        ;;
    tmpfs|ramfs) JTS_DIRECT=0 direct_note="$fstype is memory, not a disk" ;;
    *)
        if dd if=/dev/zero of="$rundir/.direct-probe" bs=4096 count=1 oflag=direct >/dev/null 2>&1; then
            JTS_DIRECT=1 direct_note="O_DIRECT accepted"
        else
            JTS_DIRECT=0 direct_note="O_DIRECT refused by $fstype"
        fi
        ;;
esac
rm -f -- "$rundir/.direct-probe"

# io_uring needs fio and kernel support and may be disabled by sysctl or blocked by seccomp (containers).
# fio and the sysctl are checked here; a seccomp block shows up when the first profile fails with io_uring,
# which is then retried once with libaio (a separate probe run would cost half a second per host).
engines=$(fio --enghelp 2>/dev/null)
fallback=psync
case $engines in *libaio*) fallback=libaio ;; esac
JTS_IOENGINE=$fallback
engine_note="io_uring not offered by fio"
uring_disabled=$(cat /proc/sys/kernel/io_uring_disabled 2>/dev/null || echo 0)
if printf '%s\n' "$engines" | grep -q '^[[:space:]]*io_uring$'; then
    if [ "$uring_disabled" = 0 ]; then
        JTS_IOENGINE=io_uring engine_note="io_uring offered by fio and kernel"
    else
        engine_note="io_uring disabled by kernel.io_uring_disabled=$uring_disabled"
    fi
fi
export JTS_DIRECT JTS_IOENGINE JTS_BENCH_DIR JTS_BENCH_DEV

now_ms() {
    ns=$(date +%s%N 2>/dev/null)
    case $ns in *[!0-9]*|'') printf '%s000\n' "$(date +%s)" ;; *) printf '%s\n' "$((ns / 1000000))" ;; esac
}

if [ "$mode" = device ]; then
    # write the whole region once: reading never-written blocks gives fake IOPS (fio#719)
    fio --name=fill --filename="$target" --rw=write --bs=1m --size="$required" --iodepth=8 --direct="$JTS_DIRECT" \
        --ioengine="$JTS_IOENGINE" --output-format=terse --output="$rundir/fill.out" 2>"$rundir/fill.err" &
    fiopid=$!
    wait "$fiopid" || fail 5 "filling $target failed: $(head -n 3 "$rundir/fill.err")"
    fiopid=
fi

failed=0
for p in "$@"; do
    JTS_BENCH_DIR=$rundir/$p
    mkdir -- "$JTS_BENCH_DIR" || fail 3 "cannot create $JTS_BENCH_DIR"
    start=$(now_ms)
    rc=0
    if [ "$mode" = directory ]; then
        # lay out every file first, so read jobs read data that was really written (fio#719)
        fio --create_only=1 --output-format=terse --output="$rundir/$p.layout" "$rundir/$p.fio" 2>"$rundir/$p.err" &
        fiopid=$!
        wait "$fiopid"
        rc=$?
        fiopid=
    fi
    laid=$(now_ms)
    if [ "$rc" -eq 0 ]; then
        fio --output-format=json --output="$rundir/$p.json" "$rundir/$p.fio" 2>"$rundir/$p.err" &
        fiopid=$!
        wait "$fiopid"
        rc=$?
        fiopid=
        if [ "$rc" -ne 0 ] && [ "$JTS_IOENGINE" = io_uring ] && grep -q io_uring "$rundir/$p.err"; then
            JTS_IOENGINE=$fallback engine_note="io_uring failed at run time, fell back to $fallback"
            fio --output-format=json --output="$rundir/$p.json" "$rundir/$p.fio" 2>"$rundir/$p.err" &
            fiopid=$!
            wait "$fiopid"
            rc=$?
            fiopid=
        fi
    fi
    end=$(now_ms)
    printf '@@section fio %s\n' "$p"
    [ -f "$rundir/$p.json" ] && cat -- "$rundir/$p.json"
    printf '\n@@end\n'
    printf '@@section fio-stderr %s\n' "$p"
    cat -- "$rundir/$p.err"
    printf '\n@@end\n'
    emit "fio-exit $p" "exit=$rc
start_ms=$start
layout_done_ms=$laid
end_ms=$end"
    [ "$rc" -eq 0 ] || failed=1
    rm -rf -- "$JTS_BENCH_DIR"
done
# meta last: the engine may have changed during the run
emit meta "engine=$JTS_IOENGINE
engine_note=$engine_note
direct=$JTS_DIRECT
direct_note=$direct_note
fstype=$fstype
fio_version=$(fio --version 2>/dev/null | head -n 1)
kernel=$(uname -r)
runtime=$runtime
free_bytes=$avail"
[ "$failed" -eq 0 ] || exit 5
exit 0
