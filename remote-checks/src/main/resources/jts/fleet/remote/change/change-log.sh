# jts-fleet change records (prelude): HostChangeLog puts these definitions after the first line of every host
# script that changes a host, so the script that makes a change is the one that records it. Definitions only:
# nothing here runs or reads anything.
#
# change_open CONTEXT DIR STEP SYSROOT WORKDIR   once, before the first record; returns 1 for a bad CONTEXT
# change_item TARGET ATTRIBUTE BEFORE AFTER RESULT [NOTE]   one thing touched ("" BEFORE/AFTER: none)
# change_write intent | change_write outcome RESULT [MESSAGE]   one line with the items given since the last
# change_sha256 FILE   the file's sha256 (a file's before/after)
#
# CONTEXT is the controller's JSON object (run id, operator, reason ...), one line of printable ASCII: it is
# checked and copied as data, never run. An empty CONTEXT (the script run by hand, or by the TRIM timer) records
# nothing. Lines are appended to DIR/changes.jsonl (0644); at CHANGE_MAX_BYTES the file becomes changes.jsonl.1
# (.1 becomes .2 ... up to CHANGE_KEEP, the oldest is dropped): nothing is ever rewritten in place. flock (where
# util-linux has it) keeps two scripts from rotating at once. Each line also goes to the system log
# (logger -t jts-fleet, journald where it runs) without its list of changes, except for fixture hosts (SYSROOT).
# shellcheck disable=SC2034
CHANGE_MAX_BYTES=1048576
# shellcheck disable=SC2034
CHANGE_KEEP=3

# shellcheck disable=SC2317
change_open() {
    change_context=
    change_dir=$2
    change_step=$3
    change_sysroot=$4
    change_items=$5/change-items
    [ -n "$1" ] || return 0
    case $1 in
        '{"run_id":"'[0-9]*'}') ;;
        *) return 1 ;;
    esac
    case $1 in
        *[!\ -~]*) return 1 ;;
    esac
    [ "${#1}" -le 16384 ] || return 1
    case $change_step in
        '' | *[!a-z-]*) return 1 ;;
    esac
    : >"$change_items" || return 1
    change_quote "$(uname -n)"
    change_node=$change_q
    change_context=$1
    return 0
}

# change_sha256 FILE: prints the file's sha256 in hex (the before/after of a file in a record); nothing when there
# is no such file
# shellcheck disable=SC2317
change_sha256() {
    [ -f "$1" ] || return 0
    c_sum=$(sha256sum <"$1") || return 1
    printf '%s' "${c_sum%% *}"
}

# change_quote VALUE: sets change_q to VALUE as a JSON string; control characters become spaces
# shellcheck disable=SC2317
change_quote() {
    case $1 in
        *[\"\\]* | *[![:print:]]*)
            change_q=\"$(printf '%s' "$1" | tr '\000-\037\177' ' ' | sed 's/\\/\\\\/g; s/"/\\"/g')\" ;;
        *) change_q=\"$1\" ;;
    esac
}

# shellcheck disable=SC2317
change_item() {
    [ -n "$change_context" ] || return 0
    change_quote "$1"
    c_target=$change_q
    change_quote "$2"
    c_attr=$change_q
    c_before=null
    if [ -n "$3" ]; then
        change_quote "$3"
        c_before=$change_q
    fi
    c_after=null
    if [ -n "$4" ]; then
        change_quote "$4"
        c_after=$change_q
    fi
    c_note=
    if [ -n "${6-}" ]; then
        change_quote "$6"
        c_note=',"note":'$change_q
    fi
    printf '{"target":%s,"attribute":%s,"before":%s,"after":%s,"result":"%s"%s}\n' \
        "$c_target" "$c_attr" "$c_before" "$c_after" "$5" "$c_note" >>"$change_items"
}

# shellcheck disable=SC2317
change_write() {
    [ -n "$change_context" ] || return 0
    c_head='{"format":"jts-fleet-change 1","event":"'$1'","source":"host","time":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'"'
    c_head=$c_head',"node":'$change_node',"step":"'$change_step'"'
    if [ "$1" = outcome ]; then
        c_message=null
        if [ -n "${3-}" ]; then
            change_quote "$3"
            c_message=$change_q
        fi
        c_head=$c_head',"result":"'$2'","message":'$c_message
    fi
    c_count=$(wc -l <"$change_items")
    c_line=$c_head',"changes":['$(paste -s -d , "$change_items")'],'${change_context#\{}
    : >"$change_items"
    change_append "$c_line" || return 1
    if [ -z "$change_sysroot" ] && command -v logger >/dev/null 2>&1; then
        c_log=$c_head',"change_count":'$((c_count + 0))','${change_context#\{}
        logger -S 16384 -t jts-fleet -- "$c_log" 2>/dev/null || logger -t jts-fleet -- "$c_log" 2>/dev/null || true
    fi
    return 0
}

# change_append LINE: rotate when full, then append one line
# shellcheck disable=SC2317
change_append() {
    mkdir -p -- "$change_dir" || return 1
    (
        if command -v flock >/dev/null 2>&1; then
            exec 8>>"$change_dir/changes.lock"
            flock -w 10 8 || true
        fi
        c_file=$change_dir/changes.jsonl
        c_size=0
        [ ! -f "$c_file" ] || c_size=$(wc -c <"$c_file")
        if [ "$c_size" -ge "$CHANGE_MAX_BYTES" ]; then
            c_i=$CHANGE_KEEP
            while [ "$c_i" -gt 1 ]; do
                c_j=$((c_i - 1))
                [ ! -f "$c_file.$c_j" ] || mv -f -- "$c_file.$c_j" "$c_file.$c_i" || exit 1
                c_i=$c_j
            done
            mv -f -- "$c_file" "$c_file.1" || exit 1
        fi
        if [ ! -f "$c_file" ]; then
            if ! { : >>"$c_file" && chmod 0644 "$c_file"; }; then
                exit 1
            fi
        fi
        printf '%s\n' "$1" >>"$c_file"
    )
}
