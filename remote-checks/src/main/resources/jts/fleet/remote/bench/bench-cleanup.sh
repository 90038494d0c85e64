#!/bin/sh
# jts-fleet bench-cleanup.sh -- fixed host script the controller runs when a bench run is interrupted (Ctrl-C,
# deadline, lost channel): a process started without a PTY keeps running after its channel closes, so the
# run's bench.sh and fio processes are found by run id and killed, then the run directory is removed, and
# bench.sh's change-record directory when a SIGKILL kept its trap from removing it (found by the run id in it,
# removed once the process it names is gone).
#
# usage: bench-cleanup.sh TARGET RUNID
# stdout: "killed=N", "removed=DIR" or "absent=DIR", and "removed=DIR" for such a change-record directory; exit 0
# when nothing of the run is left.
set -u
[ "$#" -eq 2 ] || { echo "usage: bench-cleanup.sh TARGET RUNID" >&2; exit 2; }
target=$1 runid=$2
problem=$(bench_args_problem "$target" "$runid")
[ -z "$problem" ] || { echo "$problem" >&2; exit 2; }
rundir=$target/.jts-fleet-bench-$runid
# built in two pieces so this script's own command line never matches
marker="jts-fleet:bench"
marker="$marker-main"

# pids of bench.sh (its text carries the marker, its arguments the run id) and of fio working in the run dir
run_pids() {
    for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        [ "$pid" = "$$" ] && continue
        args=$(tr '\000' '\n' < "$p/cmdline" 2>/dev/null) || continue
        case $args in
            *"$rundir"/*) printf '%s\n' "$pid"; continue ;;
        esac
        case $args in
            *"$marker"*)
                if printf '%s\n' "$args" | grep -qxF -- "$runid"; then
                    printf '%s\n' "$pid"
                fi
                ;;
        esac
    done
}

killed=0
for sig in TERM TERM KILL; do
    pids=$(run_pids)
    [ -n "$pids" ] || break
    for pid in $pids; do
        kill "-$sig" "$pid" 2>/dev/null && killed=$((killed + 1))
    done
    # fio needs a moment to stop its jobs and write its output
    i=0
    while [ "$i" -lt 20 ] && [ -n "$(run_pids)" ]; do
        sleep 0.1
        i=$((i + 1))
    done
done
echo "killed=$killed"
left=$(run_pids)
if [ -e "$rundir" ]; then
    rm -rf -- "$rundir"
    echo "removed=$rundir"
else
    echo "absent=$rundir"
fi
# bench.sh's work_dir (host prelude): only a directory of this user, never a symlink, holding this run id, with an
# owner recorded that is gone
uid=$(id -u)
for d in "${TMPDIR:-/tmp}"/jts-bench-change.[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]; do
    if [ ! -d "$d" ] || [ -L "$d" ] || [ ! -f "$d/run-id" ] || [ -L "$d/run-id" ] || [ ! -f "$d/.owner" ]; then
        continue
    fi
    [ "$(find "$d" -prune -type d -user "$uid" 2>/dev/null)" = "$d" ] || continue
    recorded=
    read -r recorded <"$d/run-id"
    if [ "$recorded" = "$runid" ] && work_owner_gone "$d"; then
        rm -rf -- "$d"
        echo "removed=$d"
    fi
done
if [ -n "$left" ] || [ -e "$rundir" ]; then
    echo "still running or present: ${left:-$rundir}" >&2
    exit 1
fi
exit 0
