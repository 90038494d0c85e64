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

# shellcheck disable=SC2034  # read by die (host prelude)
prog=jts-tune-read
state_dir=${1:-/var/lib/jts-fleet}
rules=${2:-/etc/udev/rules.d/60-jts-fleet.rules}

valid_path "$state_dir" || die 2 "invalid state directory"
valid_path "$rules" || die 2 "invalid rules path"

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
