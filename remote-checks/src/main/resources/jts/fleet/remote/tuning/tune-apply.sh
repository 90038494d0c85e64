#!/bin/sh
# jts-fleet tune-apply: applies a validated queue-settings plan to one host, all or nothing.
#
# Usage: tune-apply.sh [SYSFS_ROOT] [STATE_DIR] [RULES_PATH] [CONTEXT]   (plan on stdin)
#   SYSFS_ROOT  prefix of /sys (tests point it at a fake tree; "" on real hosts)
#   STATE_DIR   where state.json keeps the values found before the first apply (/var/lib/jts-fleet)
#   RULES_PATH  the generated udev rules file (/etc/udev/rules.d/60-jts-fleet.rules)
#   CONTEXT     the controller's change context (change-log.sh): the run is recorded in STATE_DIR/changes.jsonl,
#               an intent before the first write and an outcome after (changed, ok, or failed with what was
#               put back); "" records nothing
#
# stdin:
#   @@jts-tune 1
#   set <device> <attribute> <value>      (any number of lines)
#   @@rules
#   <rules file content, line by line>
#   @@end
#
# stdout, one record per line, fields separated by TAB (values may contain spaces, e.g. "write back"):
#   changed dev attr old new | ok dev attr value | restored dev attr value | rules changed|ok path
#   note text | error text | result applied|failed
# Exit: 0 applied, 1 failed and restored, 2 plan rejected before anything was touched.
#
# The script is fixed text: the controller only ever passes quoted arguments and a plan on stdin, and every
# name and value is validated again here because the script runs as root.

root=${1-}
state_dir=${2:-/var/lib/jts-fleet}
rules=${3:-/etc/udev/rules.d/60-jts-fleet.rules}
context=${4-}
state=$state_dir/state.json
intent_written=0
rules_sha_old=
rules_sha_new=

work=
lock_held=0
phase=check          # check -> writing (restore needed on failure) -> applied
state_existed=0
state_format=
state_rewritten=0
writes_started=0
rules_changed=0
rules_had_file=0
udev_reloaded=0
failing=0

# reject: the plan or the host is not fit for an apply; nothing has been touched yet.
reject() {
    out error "$*"
    out result failed
    cleanup
    exit 2
}

# fail: something went wrong after the first change; undo everything this run changed.
fail() {
    if [ "$failing" = 1 ]; then
        return
    fi
    failing=1
    out error "$*"
    if [ "$phase" = writing ]; then
        restore_run
    fi
    end_failed "$*"
}

valid_value() {
    case $1 in
        '' | *[!A-Za-z0-9\ _.-]*) return 1 ;;
    esac
    return 0
}

# read_attr DEV ATTR: sets $value to the current setting (the bracketed entry for scheduler)
read_attr() {
    p=$(attr_path "$1" "$2")
    if [ ! -f "$p" ]; then
        read_err="$p is not a readable attribute file"
        return 1
    fi
    if ! raw=$(cat -- "$p" 2>&1); then
        read_err="read $p: ${raw##*: }"
        return 1
    fi
    case $raw in
        *\[*\]*)
            raw=${raw#*\[}
            raw=${raw%%\]*}
            ;;
    esac
    value=$(trim "$raw")
    if ! valid_value "$value"; then
        read_err="read $p: unexpected content \"$value\""
        return 1
    fi
    return 0
}

# write_attr DEV ATTR VALUE: sets $write_err to the errno text on failure. External printf: the shell's
# builtin reports every failed write(2) as "I/O error" and loses EINVAL/EROFS.
write_attr() {
    p=$(attr_path "$1" "$2")
    if write_out=$({ env printf '%s\n' "$3" >"$p"; } 2>&1); then
        return 0
    fi
    write_err=${write_out##*: }
    [ -n "$write_err" ] || write_err="write failed"
    case $write_err in
        *Read-only*) write_err="$write_err (sysfs is read-only on this host: container?)" ;;
    esac
    return 1
}

udev_refresh() {
    # reload-rules, then re-run the rules for the affected devices only
    udevadm control --reload-rules || return 1
    cut -d ' ' -f 1 "$work/plan" | sort -u >"$work/devices"
    while read -r dev; do
        trigger_device "$dev" || return 1
    done <"$work/devices"
    udevadm settle --timeout=10 || true
    return 0
}

atomic_copy() {
    # atomic_copy SRC DEST MODE: temp file in DEST's directory, then rename over DEST
    dir=$(dirname -- "$2")
    tmp=$dir/.$(basename -- "$2").jts-tmp.$$
    cp -- "$1" "$tmp" && chmod "$3" "$tmp" && mv -f -- "$tmp" "$2" && return 0
    rm -f -- "$tmp"
    return 1
}

restore_run() {
    # every allowlisted attribute of the affected devices back to its snapshot, in write order: this also
    # undoes the kernel's side effects (a scheduler switch resetting nr_requests, ...)
    if [ "$writes_started" = 1 ]; then
        while read -r dev attr old; do
            was=
            if read_attr "$dev" "$attr"; then
                [ "$value" != "$old" ] || continue
                was=$value
            fi
            if write_attr "$dev" "$attr" "$old"; then
                out restored "$dev" "$attr" "$old"
                change_item "$dev" "$attr" "$was" "$old" rolled-back "put back after the failure"
            else
                out error "restore $(attr_path "$dev" "$attr") = \"$old\" failed: $write_err"
            fi
        done <"$work/before"
    fi
    if [ "$rules_changed" = 1 ]; then
        if [ "$rules_had_file" = 1 ]; then
            atomic_copy "$work/rules.prev" "$rules" 0644 || out error "restore $rules failed"
        else
            rm -f -- "$rules" || out error "remove $rules failed"
        fi
        change_item "$rules" sha256 "$rules_sha_new" "$rules_sha_old" rolled-back "put back after the failure"
        out note "rules file $rules restored"
        if [ "$udev_reloaded" = 1 ]; then
            udev_refresh || out error "udev reload after restore failed"
        fi
    fi
    if [ "$state_rewritten" = 1 ]; then
        if [ "$state_existed" = 1 ]; then
            atomic_copy "$work/state.prev" "$state_dir/state.json.bak" 0644 || out error "restore $state_dir/state.json.bak failed"
            atomic_copy "$work/state.prev" "$state" 0644 || out error "restore $state failed"
        else
            rm -f -- "$state" "$state_dir/state.json.bak" "$state_dir/rules.before"
        fi
    fi
}

write_state() {
    # write_state ENTRIES RULES_BEFORE: ENTRIES holds "dev attr value" lines. Format 2 ends with the entry count
    # and the cksum of every line before them, so a reader can tell a whole file from a cut or changed one
    # (state_verify). A copy goes to state.json.bak first: the way back when the state itself is damaged.
    n=$(wc -l <"$1")
    {
        printf '{\n'
        printf '  "format": "jts-fleet-tuning-state 2",\n'
        printf '  "rules_path": "%s",\n' "$rules"
        printf '  "rules_before": "%s",\n' "$2"
        printf '  "entries": [\n'
        i=0
        while read -r dev attr value; do
            i=$((i + 1))
            sep=,
            [ "$i" -lt "$n" ] || sep=
            printf '    {"device": "%s", "attribute": "%s", "value": "%s"}%s\n' "$dev" "$attr" "$value" "$sep"
        done <"$1"
        printf '  ],\n'
    } >"$work/state.body" || return 1
    {
        cat -- "$work/state.body"
        printf '  "count": %s,\n' "$n"
        printf '  "check": "cksum %s"\n' "$(cksum <"$work/state.body")"
        printf '}\n'
    } >"$work/state.new" || return 1
    state_verify "$work/state.new" "$work/state.written" || return 1
    atomic_copy "$work/state.new" "$state_dir/state.json.bak" 0644 || return 1
    atomic_copy "$work/state.new" "$state" 0644
}

trap 'fail "interrupted by a signal"' INT TERM HUP
trap cleanup EXIT

valid_path "$state_dir" || reject "state directory \"$state_dir\" is not a plain absolute path"
valid_path "$rules" || reject "rules path \"$rules\" is not a plain absolute path"
if [ -n "$root" ]; then
    valid_path "$root" || reject "sysfs root \"$root\" is not a plain absolute path"
fi

work=$(work_dir jts-tune) || reject "cannot create a temporary directory"
: >"$work/plan"
change_open "$context" "$state_dir" apply "$root" "$work" \
    || reject "the change context is not one line of jts-fleet JSON: nothing applied"

# ---- read and validate the plan ---------------------------------------------------------------------------
IFS= read -r header || reject "empty plan on stdin"
[ "$header" = "@@jts-tune 1" ] || reject "plan line 1: expected \"@@jts-tune 1\""
section=plan
lineno=1
while IFS= read -r line; do
    lineno=$((lineno + 1))
    case $section in
        plan)
            case $line in
                '@@rules')
                    section=rules
                    : >"$work/rules.new"
                    ;;
                'set '*)
                    read -r verb dev attr value <<EOF
$line
EOF
                    [ "$verb" = set ] || reject "plan line $lineno: malformed"
                    valid_device "$dev" || reject "plan line $lineno: invalid device name \"$dev\""
                    valid_attribute "$attr" || reject "plan line $lineno: $dev: attribute \"$attr\" is not on the allowlist"
                    valid_value "$value" || reject "plan line $lineno: $dev $attr: invalid value \"$value\""
                    if awk -v d="$dev" -v a="$attr" '$1 == d && $2 == a { found = 1 } END { exit !found }' "$work/plan"; then
                        reject "plan line $lineno: $dev $attr set twice"
                    fi
                    printf '%s %s %s\n' "$dev" "$attr" "$value" >>"$work/plan"
                    ;;
                '') ;;
                *) reject "plan line $lineno: unexpected \"$line\"" ;;
            esac
            ;;
        rules)
            case $line in
                '@@end') section=finished ;;
                *) printf '%s\n' "$line" >>"$work/rules.new" ;;
            esac
            ;;
        finished)
            [ -z "$line" ] || reject "plan line $lineno: text after @@end"
            ;;
    esac
done
[ "$section" = finished ] || reject "plan truncated at line $lineno (no @@end)"

# ---- check the host before touching anything --------------------------------------------------------------
refuse_read_only_sysfs "nothing written"

while read -r dev attr desired; do
    case $dev in
        bdi-*)
            [ -d "$root/sys/class/bdi/${dev#bdi-}" ] || reject "$dev: no such backing device ($root/sys/class/bdi/${dev#bdi-} missing: unmounted?)"
            in_list "$attr" "$BDI_ATTRS" || reject "$dev: $attr is not an attribute of a backing device" ;;
        *) [ -d "$root/sys/block/$dev/queue" ] || reject "$dev: no such block device ($root/sys/block/$dev/queue missing)" ;;
    esac
    if [ -f "$root/sys/block/$dev/hidden" ] && [ "$(cat -- "$root/sys/block/$dev/hidden")" = 1 ]; then
        reject "$dev: hidden device (NVMe multipath path): never tuned"
    fi
    read_attr "$dev" "$attr" || reject "$dev $attr: $read_err"
done <"$work/plan"

# the plan in write order, device by device
awk '!seen[$1]++ { print $1 }' "$work/plan" >"$work/devices"
: >"$work/plan.ordered"
: >"$work/before"
: >"$work/wanted"
while read -r dev; do
    for attr in $ATTR_ORDER; do
        awk -v d="$dev" -v a="$attr" '$1 == d && $2 == a' "$work/plan" >>"$work/plan.ordered"
        # snapshot of every readable allowlisted attribute: what a failed run restores
        if [ -f "$(attr_path "$dev" "$attr")" ] && read_attr "$dev" "$attr"; then
            printf '%s %s %s\n' "$dev" "$attr" "$value" >>"$work/before"
        fi
    done
done <"$work/devices"
mv -f -- "$work/plan.ordered" "$work/plan"
: >"$work/current"
while read -r dev attr desired; do
    awk -v d="$dev" -v a="$attr" '$1 == d && $2 == a' "$work/before" >>"$work/current"
    # state.json keeps each planned attribute plus the ones the kernel changes as a side effect of it
    printf '%s %s\n' "$dev" "$attr" >>"$work/wanted"
    case $attr in
        scheduler) printf '%s nr_requests\n%s wbt_lat_usec\n' "$dev" "$dev" >>"$work/wanted" ;;
        max_sectors_kb) printf '%s read_ahead_kb\n' "$dev" >>"$work/wanted" ;;
    esac
done <"$work/plan"
[ "$(wc -l <"$work/current")" = "$(wc -l <"$work/plan")" ] || reject "attribute values changed while reading them"

mkdir -p -- "$state_dir" || reject "cannot create state directory $state_dir"
take_lock

# ---- state.json: original values, recorded before the first write -----------------------------------------
# An existing state is read whole or not at all: it holds the values from before jts-fleet's first apply, and
# a state rewritten from a damaged copy would lose the ones that could not be read, for good.
: >"$work/state.old"
rules_before=absent
if [ -f "$state" ]; then
    if ! state_verify "$state" "$work/state.old"; then
        reject "$state is damaged ($state_problem): nothing applied. It keeps the values from before the first apply; recover it first (jts-fleet rollback says how)"
    fi
    cp -- "$state" "$work/state.prev" || reject "cannot read $state"
    state_existed=1
    rules_before=${state_rules_before:-absent}
fi
# the intent, on disk before the first write: a run killed from here on leaves an unfinished record
planned_changes "$work/current" "$work/plan"
rules_sha_old=$(change_sha256 "$rules")
rules_sha_new=$(change_sha256 "$work/rules.new")
[ "$rules_sha_old" = "$rules_sha_new" ] || change_item "$rules" sha256 "$rules_sha_old" "$rules_sha_new" planned
change_write intent || reject "cannot record the change in $state_dir/changes.jsonl: nothing applied"
intent_written=1
phase=writing
if [ "$state_existed" = 1 ]; then
    :
elif [ -f "$rules" ] && [ "$(head -n 1 -- "$rules")" != "$(head -n 1 -- "$work/rules.new")" ]; then
    # a foreign file sits where ours goes: keep it for rollback
    cp -p -- "$rules" "$state_dir/rules.before" || fail "cannot save the existing $rules"
    rules_before=saved
fi
# merge: entries already recorded keep their original value, new device/attribute pairs are appended
awk 'FILENAME == ARGV[1] { want[$1 " " $2] = 1; next }
     FILENAME == ARGV[2] { seen[$1 " " $2] = 1; print; next }
     (($1 " " $2) in want) && !(($1 " " $2) in seen) { print }' \
    "$work/wanted" "$work/state.old" "$work/before" | in_write_order >"$work/state.merged"
# (a state of format 1, from before states carried their checksum, is rewritten in format 2)
if [ "$state_existed" = 0 ] || [ "$state_format" != 2 ] || ! cmp -s "$work/state.old" "$work/state.merged"; then
    state_rewritten=1
    write_state "$work/state.merged" "$rules_before" || fail "cannot write $state"
fi

# ---- live writes --------------------------------------------------------------------------------------------
# write_planned DEV ATTR CURRENT DESIRED: one live write; a refused one fails the run (everything put back)
# shellcheck disable=SC2317  # called by each_change
write_planned() {
    writes_started=1
    if ! write_attr "$1" "$2" "$4"; then
        fail "write $(attr_path "$1" "$2") = \"$4\" (was \"$3\"): $write_err"
    fi
}
each_change "$work/current" "$work/plan" write_planned

# ---- rules file --------------------------------------------------------------------------------------------
rules_state=ok
if [ ! -f "$rules" ] || ! cmp -s -- "$work/rules.new" "$rules"; then
    if [ -f "$rules" ]; then
        cp -p -- "$rules" "$work/rules.prev" || fail "cannot back up $rules"
        rules_had_file=1
    fi
    mkdir -p -- "$(dirname -- "$rules")" || fail "cannot create $(dirname -- "$rules")"
    rules_changed=1
    atomic_copy "$work/rules.new" "$rules" 0644 || fail "cannot write $rules"
    rules_state=changed
fi

if udev_running; then
    udev_reloaded=1
    udev_refresh || fail "udevadm reload/trigger failed"
elif [ -z "$root" ]; then
    out note "udevd not running: relying on live writes"
fi

# ---- verify by reading back ---------------------------------------------------------------------------------
while read -r dev attr desired; do
    read_attr "$dev" "$attr" || fail "verify $dev $attr: $read_err"
    if [ "$value" != "$desired" ]; then
        fail "verify $(attr_path "$dev" "$attr"): wrote \"$desired\", reads \"$value\" (the kernel clamped or ignored it, or another udev rule or tool overwrote it)"
    fi
done <"$work/plan"

phase=applied
report_changes changed "$work/current" "$work/plan"
out rules "$rules_state" "$rules"
change_item "$rules" sha256 "$rules_sha_old" "$rules_sha_new" "$rules_state"
if grep -q '"result":"changed"' "$change_items" 2>/dev/null; then
    change_write outcome changed || out note "the outcome could not be recorded in $state_dir/changes.jsonl"
else
    change_write outcome ok || out note "the outcome could not be recorded in $state_dir/changes.jsonl"
fi
out result applied
exit 0
