# jts-fleet host prelude: HostPrelude.spliced() puts this after the first line of every host script that checks
# names or paths given by the controller or read from a host (the tuning, bench and metrics scripts, the shell's
# and watch's samplers), so each rule has one copy. Definitions only: nothing here runs or reads anything. Not
# every script uses every definition: the directives below silence the linter's "unreachable" findings for that
# reason. (No script names here: tests find a script's processes by the names in its own text.)

# in_list WORD LIST: is WORD one of the words of LIST?
# shellcheck disable=SC2317
in_list() {
    for word in $2; do
        [ "$1" = "$word" ] && return 0
    done
    return 1
}

# use_sysroot SCRIPT: checks the caller's $sysroot (a fixture tree read instead of /; "" or "/" for none, "/"
# becomes ""), the one rule of every script that takes one. A refused one (characters outside
# [-A-Za-z0-9._/+:@,=], a "." or ".." component, "//", a relative path) is said as "SCRIPT: ..." on stderr (by
# printf: sh's echo would interpret a backslash of the value) and the script exits 2. No subshell: samplers are
# counted by their processes.
# shellcheck disable=SC2317,SC2154
use_sysroot() {
    case $sysroot in
        '' | /) sysroot= ;;
        *[!-A-Za-z0-9._/+:@,=]* | */../* | */.. | */./* | */. | *//*)
            printf "%s: refusing sysroot '%s'\n" "$1" "$sysroot" >&2; exit 2 ;;
        /*) ;;
        *) printf '%s: sysroot must be an absolute path: %s\n' "$1" "$sysroot" >&2; exit 2 ;;
    esac
}

# valid_path PATH: a path jts-fleet may write under (a state directory, a rules file, a sysfs root): absolute,
# [A-Za-z0-9._/+-] only, no ".." component, no "//" (TuningScripts.validPath is the controller's copy of the rule).
# shellcheck disable=SC2317
valid_path() {
    case $1 in
        /*) ;;
        *) return 1 ;;
    esac
    case $1 in
        *[!A-Za-z0-9._/+-]* | */../* | */.. | *//*) return 1 ;;
    esac
    return 0
}

# valid_device NAME: a kernel block device name jts-fleet may build a /sys path from or pass on:
# [A-Za-z0-9._:+-]+, never "." or "..", never something that reads as an option.
# shellcheck disable=SC2317
valid_device() {
    case $1 in
        '' | . | .. | -* | *[!A-Za-z0-9._:+-]*) return 1 ;;
    esac
    return 0
}

# die CODE MESSAGE...: "PROG: MESSAGE" on stderr, then exit CODE; PROG is the caller's $prog, the script's name.
# shellcheck disable=SC2317,SC2154
die() {
    die_code=$1
    shift
    printf '%s: %s\n' "$prog" "$*" >&2
    exit "$die_code"
}

# proc_start PID: the start time of process PID (field 22 of /proc/PID/stat, clock ticks since boot), which tells
# a process from a later one that got the same id; fails when there is no such process (or no /proc) or it has
# ended and waits for its parent (a zombie). Call it as $(proc_start PID): it changes IFS and the positional
# parameters of its subshell.
# shellcheck disable=SC2317
proc_start() {
    case $1 in '' | *[!0-9]*) return 1 ;; esac
    { read -r ps_line <"/proc/$1/stat"; } 2>/dev/null || return 1
    # after the command name in parentheses (which may hold spaces and ")"): numbers and a state letter
    IFS=' '
    set -f
    # shellcheck disable=SC2086
    set -- ${ps_line##*) }
    [ "$#" -ge 20 ] || return 1
    case $1 in Z | X) return 1 ;; esac
    printf '%s\n' "${20}"
}

# work_owner_gone DIR: true when DIR/.owner (work_dir's, never a symlink) names a process that has ended: no process
# with its id runs, or one with another start time (a reused id). An owner recorded without a start time (a host
# without /proc) is judged by its id alone. A directory without a readable .owner (made by an older version of these
# scripts, whose run may still be going, or by a run killed before it wrote one) counts as gone only when it has been
# unchanged for a day.
# shellcheck disable=SC2317
work_owner_gone() {
    if [ ! -f "$1/.owner" ] || [ -L "$1/.owner" ] || ! read -r wo_pid wo_start <"$1/.owner" 2>/dev/null; then
        [ -n "$(find "$1" -prune -mmin +1440 2>/dev/null)" ]
        return
    fi
    case $wo_pid in '' | *[!0-9]*) return 1 ;; esac
    if [ -z "$wo_start" ]; then
        ! kill -0 "$wo_pid" 2>/dev/null
        return
    fi
    [ "$(proc_start "$wo_pid")" != "$wo_start" ]
}

# work_dir NAME: makes and prints a new private directory ${TMPDIR:-/tmp}/NAME.XXXXXX for the calling script, with
# the script's process (id and start time) in its .owner. First it removes what runs of the same NAME left behind
# when they were killed before their EXIT trap ran (SIGKILL, a lost machine): only directories named exactly
# NAME.XXXXXX (mktemp's six letters or digits), never a symlink, owned by this user, unchanged for more than 60
# minutes, whose .owner names a process that is gone (without a .owner: unchanged for a day). Call it as
# work=$(work_dir NAME): $$ stays the script's in the subshell.
# shellcheck disable=SC2317
work_dir() {
    wd_tmp=${TMPDIR:-/tmp}
    for wd in "$wd_tmp/$1".[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]; do
        # any at all (no process when there is none): then one find names the old ones of this user
        [ -e "$wd" ] || [ -L "$wd" ] || break
        wd_uid=$(id -u) || return 1
        wd_old=$(find "$wd_tmp/" -mindepth 1 -maxdepth 1 -name "$1.??????" -type d -user "$wd_uid" -mmin +60 \
            2>/dev/null)
        while IFS= read -r wd; do
            case ${wd##*/} in
                "$1".[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]) ;;
                *) continue ;;
            esac
            if [ -d "$wd" ] && [ ! -L "$wd" ] && work_owner_gone "$wd"; then
                rm -rf -- "$wd"
            fi
        done <<EOF
$wd_old
EOF
        break
    done
    wd=$(mktemp -d "$wd_tmp/$1.XXXXXX") || return 1
    printf '%s %s\n' "$$" "$(proc_start "$$")" >"$wd/.owner" || { rm -rf -- "$wd"; return 1; }
    printf '%s\n' "$wd"
}
