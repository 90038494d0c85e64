#!/bin/sh
# jts-fleet tune-read: prints the generated rules file and the tuning state of this host, read-only, so
# `plan` can show the rules diff and `verify` can tell a hotplugged device from a drifted one.
#
# Usage: tune-read.sh [STATE_DIR] [RULES_PATH]
# Output:
#   @@jts-tune-read 1
#   @@file rules present|absent
#   <content>            lines beginning with "@" or "\" get one extra leading "\"
#   @@end
#   @@file state present|absent
#   <content>
#   @@end

state_dir=${1:-/var/lib/jts-fleet}
rules=${2:-/etc/udev/rules.d/60-jts-fleet.rules}

valid_path "$state_dir" || { echo "jts-tune-read: invalid state directory" >&2; exit 2; }
valid_path "$rules" || { echo "jts-tune-read: invalid rules path" >&2; exit 2; }

section() {
    if [ -f "$2" ]; then
        echo "@@file $1 present"
        awk '/^[@\\]/ { printf "\\" } { print }' "$2" || exit 1
    else
        echo "@@file $1 absent"
    fi
    echo '@@end'
}

echo '@@jts-tune-read 1'
section rules "$rules"
section state "$state_dir/state.json"
