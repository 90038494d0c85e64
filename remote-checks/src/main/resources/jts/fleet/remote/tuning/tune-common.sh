# jts-fleet tuning prelude: TuningScripts.text() puts this after the first line of tune-apply.sh,
# tune-rollback.sh and tune-read.sh, so the three fixed scripts share one copy of these definitions.
# Besides the shell options every tuning script runs with, definitions only: nothing here reads or writes
# anything. Not every script uses every definition: the directives below silence the linter's "unused" and
# "unreachable" findings for that reason.

# Every tuning script: an unset variable is an error, what it creates is not group/world-writable, C locale.
set -u
umask 022
LC_ALL=C
export LC_ALL

TAB=$(printf '\t')
# Write order. The kernel has side effects: switching the scheduler resets nr_requests (and wbt_lat_usec
# for bfq), writing max_sectors_kb recomputes read_ahead_kb. So the scheduler goes first, max_sectors_kb
# before read_ahead_kb, and restores and rollbacks walk the same order over a snapshot of every attribute.
# It is also the allowlist, checked here again: the controller's validation is not trusted with root. The list
# is WriteOrder.ORDER (Java), put in by TuningScripts.text(); unfilled, it allows nothing.
# shellcheck disable=SC2034
ATTR_ORDER="@@ATTR_ORDER@@"
# The attributes a backing device (/sys/class/bdi/MAJ:MIN) has and jts-fleet may set: TuningPlanner.BDI_ATTRIBUTES.
# shellcheck disable=SC2034
BDI_ATTRS="@@BDI_ATTRS@@"

# valid_attribute NAME: is NAME on the allowlist?
# shellcheck disable=SC2317
valid_attribute() {
    in_list "$1" "$ATTR_ORDER"
}

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
report_changes() {
    # report_changes KIND BEFORE AFTER: for each "dev attr value" line of AFTER and the line of BEFORE with the
    # value it had, "ok dev attr value" when equal, else "KIND dev attr before value"; each is also an item of
    # the host's change record (change-log.sh: KIND changed is "changed", restored is "rolled-back")
    case $1 in
        restored) r_item=rolled-back ;;
        *) r_item=$1 ;;
    esac
    exec 3<"$2"
    while read -r dev attr value; do
        read -r _bdev _battr was <&3
        if [ "$was" = "$value" ]; then
            out ok "$dev" "$attr" "$value"
            change_item "$dev" "$attr" "$was" "$value" ok
        else
            out "$1" "$dev" "$attr" "$was" "$value"
            change_item "$dev" "$attr" "$was" "$value" "$r_item"
        fi
    done <"$3"
    exec 3<&-
}

# shellcheck disable=SC2317
each_change() {
    # each_change BEFORE AFTER COMMAND: for every "dev attr value" line of AFTER whose value differs from the
    # line at the same place of BEFORE (both in write order, one line per entry), COMMAND DEV ATTR WAS VALUE.
    # COMMAND runs with stdin from AFTER; it may end the script (apply's fail, rollback's reject).
    exec 3<"$1"
    while read -r each_dev each_attr each_value; do
        read -r _bdev _battr each_was <&3
        [ "$each_was" = "$each_value" ] || "$3" "$each_dev" "$each_attr" "$each_was" "$each_value"
    done <"$2"
    exec 3<&-
}

# shellcheck disable=SC2317
planned_item() {
    change_item "$1" "$2" "$3" "$4" planned
}

# shellcheck disable=SC2317
planned_changes() {
    # planned_changes BEFORE AFTER: the "dev attr value" lines of AFTER whose value differs from BEFORE's, as
    # items of the intent record
    each_change "$1" "$2" planned_item
}

# shellcheck disable=SC2317
state_check() {
    # state_check FILE: reads a state.json as tune-apply.sh writes it and checks all of it before anything uses
    # it: every line in the one shape written, the entry list closed, nothing after the end, and (format 2) the
    # entry count and the cksum of every line up to the end of the entry list. Prints "E DEV ATTR VALUE" for
    # each entry line it could read (also of a damaged file, so the values can be shown), "M KEY VALUE" facts
    # (format, rules_before, entries, close_line, count, check) and, for a damaged file, "M damaged REASON".
    awk '
    function damaged(why) { if (problem == "") problem = "line " NR ": " why }
    function entry(line,    f, n) {
        if (line !~ /^    \{"device": "[A-Za-z0-9._:+-]+", "attribute": "[a-z_]+", "value": "[A-Za-z0-9 _.-]+"\},?$/) return 0
        n = split(line, f, "\"")
        printf "E %s %s %s\n", f[4], f[8], f[12]
        entries++
        return 1
    }
    BEGIN { phase = 1; entries = 0; problem = "" }
    {
        if (problem != "") { entry($0); next }
        if (phase == 1) { if ($0 == "{") phase = 2; else damaged("expected \"{\""); next }
        if (phase == 2) {
            if ($0 ~ /^  "format": "jts-fleet-tuning-state [12]",$/) { format = $0; sub(/^.* /, "", format); format = substr(format, 1, 1); phase = 3 }
            else damaged("not a jts-fleet tuning state (no \"format\" line)")
            next
        }
        if (phase == 3) { if ($0 ~ /^  "rules_path": "\/[A-Za-z0-9._\/+-]*",$/) phase = 4; else damaged("bad \"rules_path\""); next }
        if (phase == 4) {
            if ($0 ~ /^  "rules_before": "(absent|saved)",$/) { rules_before = ($0 ~ /saved/) ? "saved" : "absent"; phase = 5 }
            else damaged("bad \"rules_before\"")
            next
        }
        if (phase == 5) { if ($0 == "  \"entries\": [") phase = 6; else damaged("expected the \"entries\" list"); next }
        if (phase == 6) {
            closing = (format == 1) ? "  ]" : "  ],"
            if ($0 == closing) {
                if (comma) damaged("the entry list ends with a comma")
                else { close_line = NR; phase = (format == 1) ? 9 : 7 }
                next
            }
            if (!comma && entries > 0) { damaged("entry after the last entry"); next }
            if (!entry($0)) { damaged("not an entry line"); next }
            comma = ($0 ~ /,$/)
            next
        }
        if (phase == 7) {
            if ($0 ~ /^  "count": [0-9]+,$/) { count = $2; sub(/,$/, "", count); phase = 8 }
            else damaged("bad \"count\"")
            next
        }
        if (phase == 8) {
            if ($0 ~ /^  "check": "cksum [0-9]+ [0-9]+"$/) { check = $3 " " $4; sub(/"$/, "", check); phase = 9 }
            else damaged("bad \"check\"")
            next
        }
        if (phase == 9) { if ($0 == "}") phase = 10; else damaged("expected \"}\""); next }
        damaged("text after the end of the state")
    }
    END {
        if (problem == "" && phase != 10) problem = "ends after line " NR " (cut short)"
        if (problem == "" && format == 2 && count + 0 != entries) problem = "holds " entries " entries, its count says " count
        printf "M format %s\nM rules_before %s\nM entries %d\nM close_line %d\nM check %s\n", format, rules_before, entries, close_line, check
        if (problem != "") printf "M damaged %s\n", problem
    }' "$1"
}

# shellcheck disable=SC2317,SC2034
state_verify() {
    # state_verify FILE OUT: state_check plus the cksum of a format 2 file. Writes the readable entries ("DEV
    # ATTR VALUE") to OUT; sets state_problem (empty when the file is whole), state_rules_before, state_format.
    state_problem=
    state_format=
    if ! state_report=$(state_check "$1" 2>&1); then
        state_problem="cannot read it: $state_report"
        : >"$2"
        return 1
    fi
    printf '%s\n' "$state_report" | sed -n 's/^E //p' >"$2"
    state_problem=$(printf '%s\n' "$state_report" | sed -n 's/^M damaged //p')
    state_rules_before=$(printf '%s\n' "$state_report" | sed -n 's/^M rules_before //p')
    state_format=$(printf '%s\n' "$state_report" | sed -n 's/^M format //p')
    if [ -z "$state_problem" ] && [ "$state_format" = 2 ]; then
        lines=$(printf '%s\n' "$state_report" | sed -n 's/^M close_line //p')
        want=$(printf '%s\n' "$state_report" | sed -n 's/^M check //p')
        got=$(head -n "$lines" -- "$1" | cksum)
        [ "$got" = "$want" ] || state_problem="its checksum does not match (cksum $got, recorded $want): it was changed or damaged after it was written"
    fi
    [ -z "$state_problem" ]
}

# shellcheck disable=SC2317
trim() {
    # strips leading/trailing blanks (sysfs often ends a value with a space)
    t=$1
    while :; do
        case $t in
            ' '* | "$TAB"*) t=${t#?} ;;
            *' ' | *"$TAB") t=${t%?} ;;
            *) break ;;
        esac
    done
    printf '%s' "$t"
}

# shellcheck disable=SC2317,SC2154
udev_running() {
    # under a test sysroot the control socket is looked up inside it: fixture trees have none, so the real
    # udevd is never asked to trigger this machine's devices on behalf of a fake host
    command -v udevadm >/dev/null 2>&1 || return 1
    [ -S "$root/run/udev/control" ] || return 1
    udevadm control --ping >/dev/null 2>&1
}

# in_write_order: "dev attr value" lines grouped by device (first seen first), attributes in ATTR_ORDER
# shellcheck disable=SC2317
in_write_order() {
    awk -v order="$ATTR_ORDER" '
    BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
    { if (!($1 in dev)) { dev[$1] = ++nd; name[nd] = $1 } line[$1 " " rank[$2]] = $0 }
    END { for (d = 1; d <= nd; d++) for (r = 1; r <= n; r++) if ((name[d] " " r) in line) print line[name[d] " " r] }'
}

# refuse MESSAGE: another run holds the lock: nothing was touched, and the controller reports "refused" (exit 4)
# shellcheck disable=SC2317
refuse() {
    out error "$*"
    out result locked
    cleanup
    exit 4
}

# end_failed MESSAGE: the end of an apply or rollback that failed (its error already said, what it wrote put
# back): the outcome recorded when an intent was, "result failed", cleanup, exit 1. Uses the caller's
# $intent_written and $state_dir.
# shellcheck disable=SC2317,SC2154
end_failed() {
    if [ "$intent_written" = 1 ]; then
        change_write outcome failed "$*" || out note "the outcome could not be recorded in $state_dir/changes.jsonl"
    fi
    out result failed
    cleanup
    exit 1
}

# take_lock: the state directory's lock, which apply and rollback share; a lock whose process is gone is taken
# over. Uses the caller's $state_dir and reject (and refuse, above); cleanup releases it.
# shellcheck disable=SC2317,SC2154
take_lock() {
    if ! mkdir -- "$state_dir/.lock" 2>/dev/null; then
        other=$(cat -- "$state_dir/.lock/pid" 2>/dev/null || true)
        case $other in
            '' | *[!0-9]*) other=0 ;;
        esac
        if [ "$other" -gt 0 ] && kill -0 "$other" 2>/dev/null; then
            refuse "another jts-fleet apply or rollback is running (pid $other, lock $state_dir/.lock)"
        fi
        rm -rf -- "$state_dir/.lock"
        mkdir -- "$state_dir/.lock" || reject "cannot take lock $state_dir/.lock"
    fi
    lock_held=1
    echo $$ >"$state_dir/.lock/pid"
}

# refuse_read_only_sysfs WHAT: a read-only /sys (a container) is said before anything is touched (real hosts only)
# shellcheck disable=SC2317,SC2154
refuse_read_only_sysfs() {
    if [ -z "$root" ] && [ -r /proc/self/mountinfo ]; then
        sys_opts=$(awk '$5 == "/sys" { print $6 }' /proc/self/mountinfo | tail -n 1)
        case ,$sys_opts, in
            *,ro,*) reject "sysfs is mounted read-only on this host (container?): $1" ;;
        esac
    fi
}
