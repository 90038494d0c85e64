#!/bin/sh
# jts-fleet change-read STATE_DIR SINCE: prints this host's change files (changes.jsonl and its rotated copies),
# oldest first, for `jts-fleet history --from-hosts`. Read-only. Output:
#   @@jts-changes 1
#   @@file PATH          then that file's lines (a line starting with @ or \ gets one more \ in front)
#   @@unreadable PATH    a file that is there but cannot be read
#   @@done
# SINCE (UTC, 2026-12-01T00:00:00Z) leaves out lines whose "time" is older; "-" keeps every line. A line without a
# time (damaged) is always printed: the controller reports it with its file and line. Carries the host prelude
# (HostPrelude.spliced: valid_path, die).
set -u
LC_ALL=C
export LC_ALL
# shellcheck disable=SC2034  # read by die (host prelude)
prog=change-read

dir=${1-}
since=${2:--}
# the host prelude's rule for a directory jts-fleet names on a host (valid_path)
valid_path "$dir" || die 2 "STATE_DIR \"$dir\" is not a plain path (absolute, [A-Za-z0-9._/+-], no ..)"
case $since in
    - | [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z) ;;
    *) die 2 "SINCE must be - or like 2026-12-01T00:00:00Z" ;;
esac

echo "@@jts-changes 1"
for name in changes.jsonl.9 changes.jsonl.8 changes.jsonl.7 changes.jsonl.6 changes.jsonl.5 changes.jsonl.4 \
    changes.jsonl.3 changes.jsonl.2 changes.jsonl.1 changes.jsonl; do
    file=$dir/$name
    [ -e "$file" ] || continue
    if [ ! -f "$file" ] || [ ! -r "$file" ]; then
        echo "@@unreadable $file"
        continue
    fi
    echo "@@file $file"
    # line numbers stay those of the file: a left-out line prints as an empty line
    awk -v since="$since" '{
        t = ""
        if (match($0, /"time":"[0-9T:.Z-]*"/)) t = substr($0, RSTART + 8, RLENGTH - 9)
        if (since != "-" && t != "" && t < since) { print ""; next }
        c = substr($0, 1, 1)
        if (c == "@" || c == "\\") print "\\" $0; else print
    }' "$file" || echo "@@unreadable $file"
done
echo "@@done"
