# jts-fleet host prelude: HostPrelude.spliced() puts this after the first line of every host script that checks
# names given by the controller or read from a host (tune-apply.sh, tune-rollback.sh, tune-read.sh, queue-set.sh,
# bench.sh, bench-devices.sh, jts-metrics.sh), so each rule has one copy. Definitions only: nothing here runs or
# reads anything. Not every script uses every definition: the directives below silence the linter's
# "unreachable" findings for that reason.

# in_list WORD LIST: is WORD one of the words of LIST?
# shellcheck disable=SC2317
in_list() {
    for word in $2; do
        [ "$1" = "$word" ] && return 0
    done
    return 1
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
