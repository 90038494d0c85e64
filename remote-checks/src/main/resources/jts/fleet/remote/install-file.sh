#!/bin/sh
# install-file TARGET MODE SHA256 [apply|check]: writes stdin to TARGET atomically (temporary file in the same
# directory, chmod, rename), after checking the bytes arrived intact. When TARGET already holds exactly these
# bytes with this mode nothing is written. Prints "unchanged SHA256" or "installed SHA256"; with "check" (dry
# run) stdin is not read and it prints "unchanged SHA256" or "would-install SHA256".
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

dir=${target%/*}
mkdir -p "$dir" || exit 1
tmp=$(mktemp "$dir/.jts-install.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
cat > "$tmp" || { printf 'install-file: %s: cannot write %s\n' "$target" "$tmp" >&2; exit 1; }
received=$(sha256sum < "$tmp")
received=${received%% *}
if [ "$received" != "$expected" ]; then
    printf 'install-file: %s: received content has sha256 %s, expected %s\n' "$target" "$received" "$expected" >&2
    exit 1
fi
if same_as_target; then
    printf 'unchanged %s\n' "$expected"
    exit 0
fi
chmod "$mode" "$tmp" || exit 1
mv -f "$tmp" "$target" || { printf 'install-file: %s: rename failed\n' "$target" >&2; exit 1; }
printf 'installed %s\n' "$expected"
