#!/bin/sh
# jts-fleet resident reader: one long-lived sh per host for `jts-fleet shell`, so that repeated reads
# (status, watch) skip what every SSH command costs the host: a session channel, a forked
# sshd, a login shell. It runs only the fixed scripts it was started with, never text it is sent.
#
# Started (by the transport, under `timeout -k 5 LIFETIME`) as:
#   sh -c '<this script>' jts-fleet NONCE SCRIPT1 [SCRIPT2 ...]
# Each script becomes the body of a function, script_1 ... script_N, whose body is a subshell: what a
# script sets (variables, cwd, traps, `exit`) stays in the request. Defining them is the only eval of text,
# done once at start with the fixed scripts; requests only name a number.
#
# Each request on stdin is one line, then its arguments, one per line:
#   SEQ INDEX COUNT
#   ARG1
#   ...
# It runs function INDEX with ARG1 ... as $1 ..., stdin from /dev/null: a fork, where a plain SSH command
# costs the host a session, a forked sshd, a login shell, timeout and sh. Then it writes
# "\n@@jts-resident NONCE SEQ STATUS\n" to stdout and to stderr; the controller cuts each stream at that
# line (NONCE is 32 random hex digits of the controller's, which no script output can know).
#
# Deadlines: the controller waits for a request as long as for a plain command; past that it kills the
# reader (a KILL signal sshd delivers to the whole process group, then it closes the channel). sshd refuses
# signals on root logins: there the closed channel stops the request at its next write (SIGPIPE), and
# LIFETIME bounds the reader in any case. End of stdin (the channel closed, the connection died) ends the
# loop; a malformed request ends it too, with a message on stderr and exit 2.
set -u

nonce=$1
shift
case $nonce in
    '' | *[!0-9a-f]*)
        echo "jts-resident: nonce must be hex digits" >&2
        exit 2 ;;
esac
count=0
for script in "$@"; do
    count=$((count + 1))
        # the function name is built from a counter; the body is the fixed script text
    if ! eval "script_$count() (
$script
)"; then
        echo "jts-resident: script $count does not parse" >&2
        exit 2
    fi
done
if [ "$count" -eq 0 ]; then
    echo "jts-resident: no scripts given" >&2
    exit 2
fi

number() {
    case $1 in
        '' | *[!0-9]* | 0?*) return 1 ;;
    esac
    return 0
}

while IFS=' ' read -r seq index nargs rest; do
    if ! number "$seq" || ! number "$index" || ! number "$nargs" || [ -n "$rest" ] \
        || [ "$index" -lt 1 ] || [ "$index" -gt "$count" ]; then
        echo "jts-resident: malformed request" >&2
        exit 2
    fi
    set --
    while [ "$nargs" -gt 0 ]; do
        if ! IFS= read -r arg; then
            echo "jts-resident: request $seq ended before its arguments" >&2
            exit 2
        fi
        set -- "$@" "$arg"
        nargs=$((nargs - 1))
    done
    # the name is built from a checked number; the arguments are passed, never evaluated
    eval "script_$index \"\$@\"" </dev/null
    status=$?
    printf '\n@@jts-resident %s %s %s\n' "$nonce" "$seq" "$status"
    printf '\n@@jts-resident %s %s %s\n' "$nonce" "$seq" "$status" >&2
done
