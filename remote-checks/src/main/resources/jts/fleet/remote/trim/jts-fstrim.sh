#!/bin/sh
# jts-fstrim: TRIM the filesystems listed in the jts-fleet trim config, outside blackout windows.
# Pushed by jts-fleet (do not edit on the host). POSIX sh + coreutils/util-linux only.
#
# Usage: jts-fstrim [--force] [--dry-run] [--json] [--config FILE] [--state-dir DIR]
#   --force      run even inside a blackout window (and do not stop when one begins)
#   --dry-run    check every target and say what would be trimmed; trims nothing, records nothing
#   --json       one JSON object per filesystem on stdout (human lines go to stderr)
#   --config     config file (default /etc/jts-fleet/trim.conf)
#   --state-dir  run records and lock (default: state_dir of the config, else /var/lib/jts-fleet)
#   --sysfs-root DIR, --now EPOCH and --clock FILE (epoch seconds, re-read whenever the time is needed) exist
#   for tests: fixture /sys trees, a fixed clock, a clock the test moves while a run is in progress.
#
# Exit: 0 every target trimmed or skipped with a reason; 1 a target failed; 2 usage or config error;
#       4 refused: inside a blackout window, another run holds the lock, or a window began mid-run.
set -u
PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL
umask 022

prog=jts-fstrim
config=/etc/jts-fleet/trim.conf
state_dir_flag=
sysfs=/sys
fixed_now=
clock_file=
force=0
dry_run=0
json=0

while [ $# -gt 0 ]; do
    case $1 in
        --force) force=1 ;;
        --dry-run) dry_run=1 ;;
        --json) json=1 ;;
        --config|--state-dir|--sysfs-root|--now|--clock)
            [ $# -ge 2 ] || die 2 "$1 needs a value"
            case $1 in
                --config) config=$2 ;;
                --state-dir) state_dir_flag=$2 ;;
                --sysfs-root) sysfs=$2 ;;
                --now) fixed_now=$2 ;;
                --clock) clock_file=$2 ;;
            esac
            shift ;;
        # the header: from its title to the first line that is not a comment (the preludes come before it)
        -h|--help) sed -n '/^# jts-fstrim: /,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die 2 "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
case $fixed_now in *[!0-9]*) die 2 "--now takes epoch seconds, not \"$fixed_now\"" ;; esac

work=$(work_dir jts-fstrim) || die 2 "cannot create a temporary directory"
terminated=0
trap 'rm -rf "$work"' EXIT
# SIGTERM (systemd stop, timeout) only raises a flag: the range being trimmed finishes, no further range starts.
trap 'terminated=1' TERM INT HUP

# ---- config -------------------------------------------------------------------------------------------
host=$(uname -n)
conf_state_dir=/var/lib/jts-fleet
textfile_dir=
chunk_bytes=68719476736
version_seen=0
: > "$work/mounts"
: > "$work/blackout"
: > "$work/results"
: > "$work/seen"
[ -r "$config" ] || die 2 "cannot read config $config"
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case $line in ''|'#'*) continue ;; esac
    key=${line%% *}
    value=${line#* }
    if [ "$key" = "$line" ] || [ -z "$value" ]; then die 2 "$config:$lineno: \"$key\" needs a value"; fi
    case $key in
        jts-trim-config)
            [ "$value" = 1 ] || die 2 "$config:$lineno: unsupported config version \"$value\" (this script reads 1)"
            version_seen=1 ;;
        host) host=$value ;;
        state_dir|textfile_dir|mount)
            case $value in
                /*) ;;
                *) die 2 "$config:$lineno: $key must be an absolute path: \"$value\"" ;;
            esac
            case $key in
                state_dir) conf_state_dir=$value ;;
                textfile_dir) textfile_dir=$value ;;
                mount) printf '%s\n' "$value" >> "$work/mounts" ;;
            esac ;;
        chunk_bytes)
            case $value in
                *[!0-9]*) die 2 "$config:$lineno: chunk_bytes must be a number of bytes: \"$value\"" ;;
            esac
            [ "$value" -ge 1048576 ] || die 2 "$config:$lineno: chunk_bytes below 1 MiB: $value"
            chunk_bytes=$value ;;
        blackout)
            # blackout DAYS FROM TO ZONE  e.g. "1,2,3,4,5 0800 1800 America/New_York" (days: 1=Mon..7=Sun,
            # the day the window starts on; FROM > TO runs over midnight)
            read -r b_days b_from b_to b_zone b_rest <<EOW
$value
EOW
            case $b_days in ''|*[!1-7,]*) die 2 "$config:$lineno: blackout days must be like 1,2,3 (1=Mon): \"$b_days\"" ;; esac
            for hm in "$b_from" "$b_to"; do
                case $hm in
                    [01][0-9][0-5][0-9]|2[0-3][0-5][0-9]|2400) ;;
                    *) die 2 "$config:$lineno: blackout times must be HHMM: \"$hm\"" ;;
                esac
            done
            case $b_zone in ''|*[!A-Za-z0-9_+/-]*|*..*) die 2 "$config:$lineno: bad time zone \"$b_zone\"" ;; esac
            [ -z "$b_rest" ] || die 2 "$config:$lineno: unexpected \"$b_rest\" after the time zone"
            printf '%s %s %s %s\n' "$b_days" "$b_from" "$b_to" "$b_zone" >> "$work/blackout" ;;
        *) die 2 "$config:$lineno: unknown key \"$key\"" ;;
    esac
done < "$config"
[ "$version_seen" = 1 ] || die 2 "$config: not a jts-fleet trim config (no \"jts-trim-config 1\" line)"
state_dir=${state_dir_flag:-$conf_state_dir}

# ---- helpers ------------------------------------------------------------------------------------------
now_s() {
    if [ -n "$clock_file" ]; then
        clock=$(head -c 20 "$clock_file" 2>/dev/null | tr -cd '0-9')
        printf '%s\n' "${clock:-0}"
    elif [ -n "$fixed_now" ]; then
        printf '%s\n' "$fixed_now"
    else
        date +%s
    fi
}

now_ms() {
    date +%s%3N
}

# JSON string / Prometheus label value body: control characters become spaces, \ and " are escaped.
escape() {
    printf '%s' "$1" | tr '\000-\037' ' ' | sed 's/\\/\\\\/g; s/"/\\"/g'
}

# True when now is inside a blackout window (in_window, the timer prelude's rule); blackout_desc then names it.
# An unknown time zone counts as inside: without tzdata, date(1) silently falls back to UTC and the window would be
# hours off.
in_blackout() {
    at=$(now_s)
    while read -r b_days b_from b_to b_zone <&3; do
        if [ "$b_zone" != UTC ] && [ "$b_zone" != Etc/UTC ] && [ ! -f "/usr/share/zoneinfo/$b_zone" ]; then
            blackout_desc="time zone $b_zone is unknown on this host (no /usr/share/zoneinfo/$b_zone)"
            return 0
        fi
        if in_window "$b_days" "$b_from" "$b_to" "$(TZ=$b_zone date -d "@$at" '+%u %H%M')"; then
            blackout_desc="blackout window days $b_days $b_from-$b_to $b_zone"
            return 0
        fi
    done 3< "$work/blackout"
    return 1
}

exit_status=0
# record MOUNT SOURCE MAJMIN BYTES DURATION RESULT REASON
record() {
    r_ts=$(now_s)
    r_time=$(date -u -d "@$r_ts" +%Y-%m-%dT%H:%M:%SZ)
    r_line=$(printf '{"time":"%s","ts":%s,"host":"%s","mount":"%s","device":"%s","majmin":"%s","bytes":%s,"duration_s":%s,"result":"%s","reason":"%s","dry_run":%s}' \
        "$r_time" "$r_ts" "$(escape "$host")" "$(escape "$1")" "$(escape "$2")" "$3" "$4" "$5" "$6" \
        "$(escape "$7")" "$([ "$dry_run" = 1 ] && echo true || echo false)")
    if [ "$json" = 1 ]; then
        printf '%s\n' "$r_line"
        printf '%s: %s: %s%s\n' "$prog" "$1" "$6" "${7:+ ($7)}" >&2
    else
        printf '%s: %s%s\n' "$1" "$6" "${7:+ ($7)}"
    fi
    if [ "$dry_run" = 0 ]; then
        # a record is one whole line: after a cut one (disk full, crash), start on a line of its own, so the cut
        # record is the only one lost (readers skip lines that are not whole JSON objects)
        if [ -s "$state_dir/trim.jsonl" ] && [ "$(tail -c 1 -- "$state_dir/trim.jsonl" | wc -l)" -eq 0 ]; then
            printf '\n' >> "$state_dir/trim.jsonl"
        fi
        printf '%s\n' "$r_line" >> "$state_dir/trim.jsonl" \
            || printf '%s: cannot append to %s/trim.jsonl\n' "$prog" "$state_dir" >&2
        printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$6" "$4" "$5" "$r_ts" >> "$work/results"
    fi
    case $6 in
        failed) exit_status=1 ;;
        refused) [ "$exit_status" = 1 ] || exit_status=4 ;;
    esac
}

refuse_all() { # REASON
    while IFS= read -r m <&3; do
        record "$m" "" "" 0 0 refused "$1"
    done 3< "$work/mounts"
}

# gauge NAME HELP: the HELP and TYPE lines of gauge NAME, then its samples for every mount this run looked at
gauge() {
    printf '# HELP %s %s\n' "$1" "$2"
    printf '# TYPE %s gauge\n' "$1"
    while IFS="$(printf '\t')" read -r m result bytes duration ts <&3; do
        label=$(escape "$m")
        case $1 in
            jts_trim_last_run_timestamp_seconds)
                printf 'jts_trim_last_run_timestamp_seconds{mount="%s"} %s\n' "$label" "$ts" ;;
            jts_trim_last_success_timestamp_seconds)
                # whole records only: a cut line may hold "result":"ok" without being one
                last_ok=$(grep -F "\"mount\":\"$label\"," "$state_dir/trim.jsonl" 2>/dev/null \
                    | grep '^{.*}$' | grep -F '"result":"ok"' | tail -n 1 | sed -n 's/.*"ts":\([0-9]*\),.*/\1/p')
                [ -z "$last_ok" ] || printf 'jts_trim_last_success_timestamp_seconds{mount="%s"} %s\n' "$label" "$last_ok" ;;
            jts_trim_refused_runs_in_a_row)
                in_a_row=$(grep -F "\"mount\":\"$label\"," "$state_dir/trim.jsonl" 2>/dev/null | tail -n 100 \
                    | sed -n 's/.*"result":"\([a-z]*\)".*/\1/p' \
                    | awk '{ if ($1 == "refused") n++; else n = 0 } END { print n + 0 }')
                printf 'jts_trim_refused_runs_in_a_row{mount="%s"} %s\n' "$label" "${in_a_row:-0}" ;;
            jts_trim_bytes) printf 'jts_trim_bytes{mount="%s"} %s\n' "$label" "$bytes" ;;
            jts_trim_duration_seconds) printf 'jts_trim_duration_seconds{mount="%s"} %s\n' "$label" "$duration" ;;
            jts_trim_result)
                for r in ok skipped failed refused; do
                    printf 'jts_trim_result{mount="%s",result="%s"} %s\n' "$label" "$r" "$([ "$r" = "$result" ] && echo 1 || echo 0)"
                done ;;
        esac
    done 3< "$work/results"
}

# Prometheus textfile for node_exporter, written to a temporary name (ignored by node_exporter, which only
# reads *.prom) and renamed, so a scrape never sees half a file.
write_textfile() {
    [ -n "$textfile_dir" ] && [ "$dry_run" = 0 ] && [ -s "$work/results" ] || return 0
    tmp="$textfile_dir/.jts_trim.prom.$$"
    {
        gauge jts_trim_last_run_timestamp_seconds 'When jts-fstrim last looked at this mount.'
        gauge jts_trim_last_success_timestamp_seconds 'When this mount was last trimmed successfully.'
        gauge jts_trim_refused_runs_in_a_row \
            'Runs refused one after the other on this mount, up to now (0 after any other result).'
        gauge jts_trim_bytes 'Bytes the last run trimmed on this mount.'
        gauge jts_trim_duration_seconds 'How long the last run took on this mount.'
        gauge jts_trim_result 'Result of the last run on this mount (1 for the result that happened).'
    } > "$tmp" 2>/dev/null
    if ! mv -f "$tmp" "$textfile_dir/jts_trim.prom" 2>/dev/null; then
        rm -f "$tmp"
        printf '%s: cannot write %s/jts_trim.prom\n' "$prog" "$textfile_dir" >&2
    fi
}

# check_stack MAJ:MIN -> stack_reason (empty when a TRIM can reach a device that takes it). Discard capability
# decides, not rotational: virtual disks, thin SAN LUNs and cloud volumes say rotational=1 and get space back only
# through discards (util-linux fstrim trims whatever accepts FITRIM). Walks the device and every layer below it
# (slaves/, recursively; a partition stands for its disk); a layer with discard_max_bytes 0 passes nothing down, so
# its slaves are not walked. When no leaf can be reached the mount is skipped, naming the first such layer.
check_stack() {
    stack_reason=
    start=$sysfs/dev/block/$1
    todo=$(cd -P "$start" 2>/dev/null && pwd -P) || { stack_reason="no block device $1 under $sysfs/dev/block"; return; }
    no_discard=
    reachable=0
    while [ -n "$todo" ]; do
        dir=${todo%% *}
        if [ "$dir" = "$todo" ]; then todo=; else todo=${todo#* }; fi
        if [ -f "$dir/partition" ]; then
            dir=$(cd -P "$dir/.." && pwd -P) || continue
        fi
        name=${dir##*/}
        discard_max=$(cat "$dir/queue/discard_max_bytes" 2>/dev/null) || discard_max=
        if [ "$discard_max" = 0 ]; then
            [ -n "$no_discard" ] || no_discard="TRIM would have no effect: $name discard_max_bytes 0"
            continue
        fi
        leaf=1
        for slave in "$dir"/slaves/*; do
            [ -e "$slave" ] || continue
            leaf=0
            below=$(cd -P "$slave" && pwd -P) || continue
            if [ -z "$todo" ]; then todo=$below; else todo="$todo $below"; fi
        done
        [ "$leaf" = 0 ] || reachable=1
    done
    if [ "$reachable" = 0 ]; then
        stack_reason=${no_discard:-"TRIM would have no effect: no device below $1 takes discards"}
    fi
}

# evaluate MOUNT -> t_reason (skip reason, empty when trimmable), t_majmin, t_source
evaluate() {
    t_reason=
    t_majmin=
    t_source=
    info=$(findmnt -n -r -o MAJ:MIN,FSTYPE,OPTIONS,SOURCE --mountpoint "$1" 2>/dev/null | tail -n 1)
    if [ -z "$info" ]; then
        if [ -e "$1" ]; then t_reason="not mounted: $1 is not a mount point"; else t_reason="missing: $1 does not exist"; fi
        return
    fi
    read -r t_majmin fstype options t_source <<EOI
$info
EOI
    case $fstype in
        autofs) t_reason="autofs mount point"; return ;;
        nfs|nfs4|cifs|smb3|smbfs|ncpfs|afs|9p|ceph|glusterfs|lustre|davfs|fuse.sshfs|fuse.glusterfs|fuse.s3fs|fuse.rclone)
            t_reason="network filesystem ($fstype)"; return ;;
    esac
    case ",$options," in *,ro,*) t_reason="read-only"; return ;; esac
    case ",$options," in *,discard,*|*,discard=*) t_reason="online discard is on (mount option discard): trimmed as it goes"; return ;; esac
    case $t_majmin in
        0:*)
            # btrfs and friends report an anonymous device number; the source names the real device
            device=${t_source%%\[*}
            if [ -b "$device" ]; then
                hex=$(stat -L -c '%t %T' "$device")
                t_majmin=$(printf '%d:%d' "0x${hex% *}" "0x${hex#* }")
            else
                t_reason="no block device behind it ($fstype)"; return
            fi ;;
    esac
    check_stack "$t_majmin"
    t_reason=$stack_reason
}

# trim MOUNT SOURCE MAJMIN: FITRIM in ranges of chunk_bytes, checking for a blackout window and SIGTERM
# before each range (fstrim itself cannot be paced or stopped).
trim() {
    size=$(df -B1 --output=size -- "$1" 2>/dev/null | tail -n 1 | tr -d ' ')
    case $size in
        ''|*[!0-9]*) record "$1" "$2" "$3" 0 0 failed "cannot read the filesystem size (df)"; return ;;
    esac
    ranges=$(( (size + chunk_bytes - 1) / chunk_bytes ))
    if [ "$dry_run" = 1 ]; then
        record "$1" "$2" "$3" 0 0 skipped "dry run: would trim $size bytes in $ranges range(s) of $chunk_bytes"
        return
    fi
    started=$(now_ms)
    offset=0
    trimmed=0
    result=ok
    reason=
    while [ "$offset" -lt "$size" ]; do
        if [ "$terminated" = 1 ]; then
            result=failed; reason="stopped by a signal at offset $offset of $size"; break
        fi
        if [ "$force" = 0 ] && in_blackout; then
            result=refused; reason="$blackout_desc began: stopped at offset $offset of $size"; break
        fi
        if [ $((offset + chunk_bytes)) -ge "$size" ]; then
            # last range open-ended: XFS and ext4 address a little beyond what df reports as size
            out=$(fstrim -v -o "$offset" -- "$1" 2>&1)
        else
            out=$(fstrim -v -o "$offset" -l "$chunk_bytes" -- "$1" 2>&1)
        fi
        status=$?
        if [ "$status" != 0 ]; then
            result=failed; reason="fstrim at offset $offset exited $status: $(printf '%s\n' "$out" | head -n 1)"; break
        fi
        # util-linux >= 2.27 prints "/m: 1 GiB (1073741824 bytes) trimmed", older "/m: 1073741824 bytes were trimmed"
        bytes=$(printf '%s\n' "$out" | sed -n 's/.*[( ]\([0-9][0-9]*\) bytes.*/\1/p' | tail -n 1)
        trimmed=$((trimmed + ${bytes:-0}))
        offset=$((offset + chunk_bytes))
    done
    elapsed=$(( $(now_ms) - started ))
    record "$1" "$2" "$3" "$trimmed" "$((elapsed / 1000)).$(printf '%03d' $((elapsed % 1000)))" "$result" "$reason"
}

# ---- run ----------------------------------------------------------------------------------------------
if [ "$dry_run" = 0 ]; then
    mkdir -p "$state_dir" || die 2 "cannot create state directory $state_dir"
    lock=$state_dir/trim.lock
    # "<>" opens without truncating, so a refused run does not wipe the holder's PID
    exec 9<>"$lock"
    if ! flock -n 9; then
        holder=$(head -c 32 "$lock" 2>/dev/null | tr -cd '0-9')
        refuse_all "another jts-fstrim run holds $lock (pid ${holder:-unknown})"
        exit 4
    fi
    printf '%s\n' "$$" > "$lock"
fi

if [ "$force" = 0 ] && in_blackout; then
    refuse_all "inside $blackout_desc (use --force to override)"
    write_textfile
    exit 4
fi

while IFS= read -r mnt <&3; do
    evaluate "$mnt"
    if [ -n "$t_reason" ]; then
        record "$mnt" "$t_source" "$t_majmin" 0 0 skipped "$t_reason"
        continue
    fi
    first=
    while IFS="$(printf '\t')" read -r seen_majmin seen_mount <&4; do
        if [ "$seen_majmin" = "$t_majmin" ]; then first=$seen_mount; break; fi
    done 4< "$work/seen"
    if [ -n "$first" ]; then
        record "$mnt" "$t_source" "$t_majmin" 0 0 skipped "same filesystem as $first (device $t_majmin): trimmed once"
        continue
    fi
    printf '%s\t%s\n' "$t_majmin" "$mnt" >> "$work/seen"
    trim "$mnt" "$t_source" "$t_majmin"
done 3< "$work/mounts"

write_textfile
exit "$exit_status"
