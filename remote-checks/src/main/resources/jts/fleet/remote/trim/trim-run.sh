#!/bin/sh
# trim-run FORCE DRY_RUN CONFIG_BYTES: runs jts-fstrim --json for the controller.
# CONFIG_BYTES "-": run the installed script with the installed config; exit 3 when they are not installed.
# CONFIG_BYTES N: stdin carries N bytes of config followed by the script; both go to a private temporary
# directory and run from there (a host where `trim install` has not run yet).
set -u
PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL
script=/usr/local/libexec/jts-fleet/jts-fstrim
config=/etc/jts-fleet/trim.conf

force=${1:-}
dry_run=${2:-}
config_bytes=${3:-}
set --
case $force in yes) set -- "$@" --force ;; no) ;; *) echo "trim-run: FORCE must be yes or no" >&2; exit 2 ;; esac
case $dry_run in yes) set -- "$@" --dry-run ;; no) ;; *) echo "trim-run: DRY_RUN must be yes or no" >&2; exit 2 ;; esac

if [ "$config_bytes" = - ]; then
    if [ ! -x "$script" ] || [ ! -r "$config" ]; then
        echo "trim-run: not installed ($script, $config)" >&2
        exit 3
    fi
    exec "$script" --json --config "$config" "$@"
fi
case $config_bytes in ''|*[!0-9]*) echo "trim-run: CONFIG_BYTES must be - or a number" >&2; exit 2 ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/jts-trim-run.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
head -c "$config_bytes" > "$work/trim.conf"
cat > "$work/jts-fstrim"
[ "$(wc -c < "$work/trim.conf")" -eq "$config_bytes" ] || { echo "trim-run: config truncated" >&2; exit 2; }
sh "$work/jts-fstrim" --json --config "$work/trim.conf" "$@"
