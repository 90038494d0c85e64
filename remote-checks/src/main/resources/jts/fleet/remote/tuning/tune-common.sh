# jts-fleet tuning prelude: TuningScripts.text() puts this after the first line of tune-apply.sh,
# tune-rollback.sh and tune-read.sh, so the three fixed scripts share one copy of these definitions.
# Definitions only: nothing here runs or reads anything. Not every script uses every definition: the
# directives below silence the linter's "unused" and "unreachable" findings for that reason.

TAB=$(printf '\t')
# Write order. The kernel has side effects: switching the scheduler resets nr_requests (and wbt_lat_usec
# for bfq), writing max_sectors_kb recomputes read_ahead_kb. So the scheduler goes first, max_sectors_kb
# before read_ahead_kb, and restores and rollbacks walk the same order over a snapshot of every attribute.
# shellcheck disable=SC2034
ATTR_ORDER="scheduler max_sectors_kb nr_requests wbt_lat_usec read_ahead_kb rq_affinity nomerges add_random write_cache max_ratio"

# attr_path DEV ATTR: a block queue attribute, or for "bdi-MAJ:MIN" an attribute of that backing device (network
# filesystems have no block queue; their read-ahead and dirty-page share live on the BDI). Uses the caller's $root.
# shellcheck disable=SC2317,SC2154
attr_path() {
    case $1 in
        bdi-*) printf '%s/sys/class/bdi/%s/%s' "$root" "${1#bdi-}" "$2" ;;
        *) printf '%s/sys/block/%s/queue/%s' "$root" "$1" "$2" ;;
    esac
}

# trigger_device DEV: re-run udev's rules for one device or (bdi-MAJ:MIN) one backing device
# shellcheck disable=SC2317
trigger_device() {
    case $1 in
        bdi-*) udevadm trigger --action=change --subsystem-match=bdi --sysname-match="${1#bdi-}" ;;
        *) udevadm trigger --action=change --sysname-match="$1" ;;
    esac
}

# shellcheck disable=SC2317
out() {
    # out KIND FIELD... : one TAB-separated record
    kind=$1
    shift
    line=$kind
    for field in "$@"; do
        line=$line$TAB$field
    done
    printf '%s\n' "$line"
}

# shellcheck disable=SC2317,SC2154
cleanup() {
    # the caller's lock and scratch directory ($lock_held, $state_dir, $work)
    if [ "$lock_held" = 1 ]; then
        rm -rf -- "$state_dir/.lock"
    fi
    if [ -n "$work" ]; then
        rm -rf -- "$work"
    fi
}

# shellcheck disable=SC2317
valid_path() {
    # absolute, no "..", no characters that could confuse a later reader of state.json
    case $1 in
        /*) ;;
        *) return 1 ;;
    esac
    case $1 in
        *[!A-Za-z0-9._/+-]* | */../* | */.. | *//*) return 1 ;;
    esac
    return 0
}

# shellcheck disable=SC2317
valid_device() {
    case $1 in
        '' | . | .. | -* | *[!A-Za-z0-9._:+-]*) return 1 ;;
    esac
    return 0
}
