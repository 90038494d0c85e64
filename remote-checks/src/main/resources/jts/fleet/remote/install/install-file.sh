#!/bin/sh
# install-file TARGET MODE SHA256 [apply|check] [CONTEXT]: writes stdin to TARGET atomically (temporary file in
# the same directory, chmod, rename), after checking the bytes arrived intact. When TARGET already holds exactly
# these bytes with this mode nothing is written. Prints "unchanged SHA256" or "installed SHA256"; with "check"
# (dry run) stdin is not read and it prints "unchanged SHA256" or "would-install SHA256".
# CONTEXT (the controller's change context): a write is recorded in /var/lib/jts-fleet/changes.jsonl (intent
# before, outcome after, the sha256 found before and the one after); a file already as wanted is not.
# TARGET must be one of the fixed paths jts-fleet pushes (TRIM and metrics scripts, configs, units); anything
# else is refused (exit 2). One script for every feature that pushes files.
set -u
PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL

target=${1:-}
mode=${2:-}
expected=${3:-}
action=${4:-apply}
context=${5-}
case $target in
    /usr/local/libexec/jts-fleet/jts-fstrim|/etc/jts-fleet/trim.conf|/etc/systemd/system/jts-fstrim.service|/etc/systemd/system/jts-fstrim.timer) ;;
    /usr/local/libexec/jts-fleet/jts-metrics|/etc/jts-fleet/metrics.conf|/etc/systemd/system/jts-metrics.service|/etc/systemd/system/jts-metrics.timer) ;;
    *) printf 'install-file: refusing to write "%s": not a path jts-fleet pushes\n' "$target" >&2; exit 2 ;;
esac
case $mode in
    0644|0755) ;;
    *) printf 'install-file: %s: mode must be 0644 or 0755, not "%s"\n' "$target" "$mode" >&2; exit 2 ;;
esac
case $expected in
    *[!0-9a-f]*|'') printf 'install-file: %s: bad sha256 "%s"\n' "$target" "$expected" >&2; exit 2 ;;
esac
[ ${#expected} -eq 64 ] || { printf 'install-file: %s: bad sha256 "%s"\n' "$target" "$expected" >&2; exit 2; }
case $action in apply|check) ;; *) printf 'install-file: action must be apply or check, not "%s"\n' "$action" >&2; exit 2 ;; esac

same_as_target() {
    [ -f "$target" ] || return 1
    current=$(sha256sum < "$target")
    [ "${current%% *}" = "$expected" ] && [ "$(stat -c %a "$target")" = "${mode#0}" ]
}

if [ "$action" = check ]; then
    if same_as_target; then printf 'unchanged %s\n' "$expected"; else printf 'would-install %s\n' "$expected"; fi
    exit 0
fi

work=$(work_dir jts-install) || exit 1
tmp=
trap 'rm -rf "$work"; [ -z "$tmp" ] || rm -f "$tmp"' EXIT
if ! change_open "$context" /var/lib/jts-fleet install-file "" "$work"; then
    printf 'install-file: %s: the change context is not one line of jts-fleet JSON: nothing written\n' "$target" >&2
    exit 2
fi
# the bytes first, checked before anything is decided: a transfer cut or changed on the way fails even when the
# target already holds what was meant to arrive
cat > "$work/content" || { printf 'install-file: %s: cannot write %s\n' "$target" "$work/content" >&2; exit 1; }
received=$(sha256sum < "$work/content")
received=${received%% *}
if [ "$received" != "$expected" ]; then
    printf 'install-file: %s: received content has sha256 %s, expected %s\n' "$target" "$received" "$expected" >&2
    exit 1
fi
# already there: nothing changes, nothing is recorded (the controller's record says "ok")
if same_as_target; then
    printf 'unchanged %s\n' "$expected"
    exit 0
fi

before=$(change_sha256 "$target")
change_item "$target" sha256 "$before" "$expected" planned
if ! change_write intent; then
    printf 'install-file: %s: cannot record the change in /var/lib/jts-fleet/changes.jsonl: nothing written\n' "$target" >&2
    exit 1
fi
# failed: the outcome line, then exit 1
failed() {
    printf 'install-file: %s: %s\n' "$target" "$1" >&2
    change_item "$target" sha256 "$before" "$before" failed "$1"
    change_write outcome failed "$1" || true
    exit 1
}

dir=${target%/*}
mkdir -p "$dir" || failed "cannot create $dir"
tmp=$(mktemp "$dir/.jts-install.XXXXXX") || failed "cannot create a temporary file in $dir"
cp "$work/content" "$tmp" || failed "cannot write $tmp"
chmod "$mode" "$tmp" || failed "chmod $mode failed"
mv -f "$tmp" "$target" || failed "rename failed"
tmp=
change_item "$target" sha256 "$before" "$expected" changed
change_write outcome changed || printf 'install-file: %s: the outcome could not be recorded\n' "$target" >&2
printf 'installed %s\n' "$expected"
