#!/bin/sh
# trim-run FORCE DRY_RUN CONFIG_BYTES [CONTEXT]: runs jts-fstrim --json for the controller.
# CONFIG_BYTES "-": run the installed script with the installed config; exit 3 when they are not installed.
# CONFIG_BYTES N: stdin carries N bytes of config followed by the script; both go to a private temporary
# directory and run from there (a host where `trim install` has not run yet).
# CONTEXT (the controller's change context, change-log.sh): the run is recorded in
# /var/lib/jts-fleet/changes.jsonl, an intent before jts-fstrim starts and an outcome with each filesystem
# (bytes trimmed, skipped or refused with why) after it ended, however it ended. "" (a dry run) records nothing.
set -u
PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL
# shellcheck disable=SC2034  # read by die (host prelude)
prog=trim-run
script=/usr/local/libexec/jts-fleet/jts-fstrim
config=/etc/jts-fleet/trim.conf

force=${1:-}
dry_run=${2:-}
config_bytes=${3:-}
context=${4-}
set --
case $force in yes) set -- "$@" --force ;; no) ;; *) die 2 "FORCE must be yes or no" ;; esac
case $dry_run in yes) set -- "$@" --dry-run ;; no) ;; *) die 2 "DRY_RUN must be yes or no" ;; esac

if [ "$config_bytes" = - ]; then
    if [ ! -x "$script" ] || [ ! -r "$config" ]; then
        die 3 "not installed ($script, $config)"
    fi
    [ -n "$context" ] || exec "$script" --json --config "$config" "$@"
fi
if [ "$config_bytes" != - ]; then
    case $config_bytes in ''|*[!0-9]*) die 2 "CONFIG_BYTES must be - or a number" ;; esac
fi
work=$(work_dir jts-trim-run) || exit 1
trap 'rm -rf "$work"' EXIT
if [ "$config_bytes" != - ]; then
    head -c "$config_bytes" > "$work/trim.conf"
    cat > "$work/jts-fstrim"
    [ "$(wc -c < "$work/trim.conf")" -eq "$config_bytes" ] || die 2 "config truncated"
    if [ -z "$context" ]; then
        sh "$work/jts-fstrim" --json --config "$work/trim.conf" "$@"
        exit
    fi
fi

# recorded: the intent before jts-fstrim starts, the outcome once it ended (a TERM from the command deadline
# reaches jts-fstrim too, which stops after the range in progress: this script waits for it, then records)
if ! change_open "$context" /var/lib/jts-fleet trim "" "$work"; then
    die 2 "the change context is not one line of jts-fleet JSON: nothing trimmed"
fi
if ! change_write intent; then
    die 2 "cannot record the change in /var/lib/jts-fleet/changes.jsonl: nothing trimmed"
fi
# a handler, not '' (an ignored signal would stay ignored in jts-fstrim)
trap ':' INT TERM HUP
status=0
if [ "$config_bytes" = - ]; then
    "$script" --json --config "$config" "$@" > "$work/out" || status=$?
else
    sh "$work/jts-fstrim" --json --config "$work/trim.conf" "$@" > "$work/out" || status=$?
fi
cat "$work/out"

# one item per filesystem record: {"mount":"...",...,"bytes":N,...,"result":"ok|skipped|refused|failed","reason":"..."}
trimmed=0
while IFS= read -r line; do
    case $line in '{'*'}') ;; *) continue ;; esac
    mount=$(printf '%s\n' "$line" | sed -n 's/.*"mount":"\(\([^"\\]\|\\.\)*\)","device".*/\1/p' | sed 's/\\"/"/g; s/\\\\/\\/g')
    bytes=$(printf '%s\n' "$line" | sed -n 's/.*"bytes":\([0-9]*\),.*/\1/p')
    result=$(printf '%s\n' "$line" | sed -n 's/.*"result":"\([a-z]*\)".*/\1/p')
    reason=$(printf '%s\n' "$line" | sed -n 's/.*"reason":"\(\([^"\\]\|\\.\)*\)","dry_run".*/\1/p' | sed 's/\\"/"/g; s/\\\\/\\/g')
    if [ -z "$mount" ] || [ -z "$bytes" ]; then continue; fi
    case $result in
        ok)
            if [ "$bytes" -gt 0 ]; then
                trimmed=1
                change_item "$mount" fstrim "" "$bytes bytes" changed
            else
                change_item "$mount" fstrim "" "0 bytes" ok
            fi ;;
        failed) change_item "$mount" fstrim "" "$bytes bytes" failed "$reason" ;;
        *) change_item "$mount" fstrim "" "$bytes bytes" ok "$result${reason:+: $reason}" ;;
    esac
done < "$work/out"
case $status in
    0) if [ "$trimmed" = 1 ]; then change_write outcome changed; else change_write outcome ok; fi ;;
    1) change_write outcome failed "jts-fstrim: a filesystem failed" ;;
    4) change_write outcome refused "jts-fstrim refused the run (blackout window or another run)" ;;
    *) change_write outcome failed "jts-fstrim exited $status" ;;
esac || echo "trim-run: the outcome could not be recorded in /var/lib/jts-fleet/changes.jsonl" >&2
exit "$status"
