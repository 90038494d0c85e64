#!/bin/sh
# jts-fleet shell: recent journal lines of jts-fleet's own units.
#
# Usage: journal.sh UNIT LINES
#   UNIT   a jts-fleet unit (jts-fstrim.service) or the glob jts-* (checked again here: only jts-* units)
#   LINES  how many lines, 1..1000
#
# Output: first line "@@journal ok", then journalctl's lines; or one line "@@journal absent <why>" when the
# host has no journal to read (no journalctl, or systemd is not running), which is an answer, not an error.
set -u
LC_ALL=C
export LC_ALL

unit=${1:-}
lines=${2:-}
case $unit in
    jts-* ) ;;
    *)
        printf "jts-journal: refusing unit '%s': only jts-* units\n" "$unit" >&2
        exit 2 ;;
esac
case $unit in
    *[!-A-Za-z0-9@._*]*)
        printf "jts-journal: refusing unit '%s': unexpected characters\n" "$unit" >&2
        exit 2 ;;
esac
case $lines in
    '' | *[!0-9]*)
        printf "jts-journal: line count must be a number, got '%s'\n" "$lines" >&2
        exit 2 ;;
esac

if ! command -v journalctl >/dev/null 2>&1; then
    echo '@@journal absent journalctl is not installed'
    exit 0
fi
# sd_booted(3): systemd is PID 1 exactly when this directory exists
if [ ! -d /run/systemd/system ]; then
    echo '@@journal absent systemd is not running (no /run/systemd/system): no journal to read'
    exit 0
fi
echo '@@journal ok'
exec journalctl --no-pager -o short-iso -n "$lines" -u "$unit"
