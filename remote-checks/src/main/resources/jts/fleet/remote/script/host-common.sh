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
# [-A-Za-z0-9._/+:@,=], a "." or ".." component, "//", a relative path) is said as "SCRIPT: ..." on stderr and
# the script exits 2. No subshell: samplers are counted by their processes.
# shellcheck disable=SC2317,SC2154
use_sysroot() {
    case $sysroot in
        '' | /) sysroot= ;;
        *[!-A-Za-z0-9._/+:@,=]* | */../* | */.. | */./* | */. | *//*)
            echo "$1: refusing sysroot '$sysroot'" >&2; exit 2 ;;
        /*) ;;
        *) echo "$1: sysroot must be an absolute path: $sysroot" >&2; exit 2 ;;
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
