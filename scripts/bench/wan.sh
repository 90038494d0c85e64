#!/bin/sh
# Far hosts: a cold `jts-fleet status` on N loopback hosts reached through a TCP proxy that delays every byte by
# 20 ms each way (scripts/bench/delay-proxy.py: 40 ms RTT), against parallel-ssh running the same gather script
# and one OpenSSH `ssh host true`; each also straight to sshd (LAN). Round trips = (WAN - LAN) / RTT; turns/conn =
# the median turn-arounds per connection the proxy counted (client data after server data: protocol waits), and
# the median CPU time (user + sys, children included: parallel-ssh's ssh processes) of the WAN runs, both steadier
# than wall time on a loaded machine.
# Usage (root, after `make build`; under the IT lock on a shared machine): scripts/bench/wan.sh [N=10] [RUNS=5]
#   JTS_FLEET=path/to/bin/jts-fleet measures another build; JTS_FLEET_BEFORE=path/to/other/bin/jts-fleet measures that
#   one too, its WAN runs alternating with the first build's (same minutes, same load: the pair's ratio is steadier
#   than two runs of this script).
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
hosts=${1:-10}
runs=${2:-5}
delay_ms=20
launcher=${JTS_FLEET:-$top/bin/jts-fleet}
before=${JTS_FLEET_BEFORE:-}
[ -x "$launcher" ] || { echo "wan: $launcher missing: run 'make build' first" >&2; exit 1; }
[ -z "$before" ] || [ -x "$before" ] || { echo "wan: JTS_FLEET_BEFORE=$before is not executable" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "wan: /usr/bin/time (GNU time, Debian package time) missing: it measures CPU" >&2; exit 1; }
work=$(mktemp -d /tmp/jts-bench-wan.XXXXXX)
proxy=""
cleanup() {
    [ -z "$proxy" ] || kill "$proxy" 2>/dev/null || true
    "$top/scripts/bench/sshd-fleet.sh" stop "$work"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
"$top/scripts/bench/sshd-fleet.sh" start "$work" "$hosts" >/dev/null
cp "$top/remote-checks/src/main/resources/jts/fleet/remote/gather.sh" "$work/gather.sh"
chmod 644 "$work/gather.sh"

# the far view of the same fleet: every port through the proxy, known_hosts and inventory rewritten to match
# shellcheck disable=SC2046 # one argument per port, on purpose
python3 "$top/scripts/bench/delay-proxy.py" "$delay_ms" "$work/portmap" $(sed 's/.*://' "$work/pssh-hosts") \
    > "$work/proxy.out" 2>&1 &
proxy=$!
i=0
while [ ! -s "$work/portmap" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
mkdir "$work/wan"
cp "$work/inventory.yaml" "$work/pssh-hosts" "$work/known_hosts" "$work/wan/"
while read -r listen target; do
    sed -i "s/port: $target,/port: $listen,/; s/:$target\$/:$listen/; s/\]:$target /]:$listen /" \
        "$work/wan/inventory.yaml" "$work/wan/pssh-hosts" "$work/wan/known_hosts"
done < "$work/portmap"
sed -i "s|$work/known_hosts|$work/wan/known_hosts|" "$work/wan/inventory.yaml"
sed "s|$work/known_hosts|$work/wan/known_hosts|" "$work/ssh_config" > "$work/wan/ssh_config"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# timed TAG CMD...: one run of CMD, its wall ms appended to $work/times.TAG, its CPU ms (user + sys) to $work/cpus.TAG
timed() {
    tag=$1
    shift
    start=$(now_ms)
    /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" > "$work/out" 2> "$work/err" \
        || { echo "wan: failed: $*"; tail -n 5 "$work/out" "$work/err"; exit 1; }
    echo $(( $(now_ms) - start )) >> "$work/times.$tag"
    awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$work/cpu" >> "$work/cpus.$tag"
}
# measure CMD...: median wall ms of RUNS runs into $result, their median CPU ms (user + sys) into $cpu
measure() {
    : > "$work/times.m"
    : > "$work/cpus.m"
    r=0
    while [ "$r" -lt "$runs" ]; do
        timed m "$@"
        r=$(( r + 1 ))
    done
    result=$(median < "$work/times.m")
    cpu=$(median < "$work/cpus.m")
}
first_port() { sed -n '1s/.*://p' "$1"; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); RTT $(( 2 * delay_ms )) ms through the proxy"
printf '%-44s %9s %9s %9s %13s %11s\n' "what" "LAN ms" "WAN ms" "WAN CPU" "round trips" "turns/conn"
# report NAME LAN_MS WAN_MS: the turn-arounds are those of the connections the proxy closed since the last report;
# the CPU column is that of the last measure (the WAN runs)
seen=0
report() {
    sleep 1 # the proxy reports a connection once both its directions have drained
    turns=$(tail -n +"$(( seen + 1 ))" "$work/proxy.out" | sed -n 's/^connection to [0-9]*: \([0-9]*\) turn-arounds$/\1/p' | median)
    seen=$(wc -l < "$work/proxy.out")
    printf '%-44s %9s %9s %9s %13s %11s\n' "$1" "$2" "$3" "$cpu" \
        "$(awk -v l="$2" -v w="$3" -v rtt=$(( 2 * delay_ms )) 'BEGIN { printf "%.1f", (w - l) / rtt }')" "$turns"
}
measure ssh -F "$work/ssh_config" -p "$(first_port "$work/pssh-hosts")" 127.0.0.1 true
lan=$result
measure ssh -F "$work/wan/ssh_config" -p "$(first_port "$work/wan/pssh-hosts")" 127.0.0.1 true
report "one OpenSSH ssh host true" "$lan" "$result"
measure parallel-ssh -p "$hosts" -h "$work/pssh-hosts" -l jtsbench -x "-F $work/ssh_config" -I -o "$work/pssh-out" < "$work/gather.sh"
lan=$result
measure parallel-ssh -p "$hosts" -h "$work/wan/pssh-hosts" -l jtsbench -x "-F $work/wan/ssh_config" -I -o "$work/pssh-out" < "$work/gather.sh"
pssh_wan=$result
pssh_cpu=$cpu
report "parallel-ssh -p $hosts gather.sh ($hosts hosts)" "$lan" "$result"
measure "$launcher" status --inventory "$work/inventory.yaml" --hosts bench -o json
lan=$result
if [ -z "$before" ]; then
    measure "$launcher" status --inventory "$work/wan/inventory.yaml" --hosts bench -o json
    report "jts-fleet status ($hosts hosts, cold)" "$lan" "$result"
else
    # this build and the other one in turns, RUNS each, each going first every other time (the turn-arounds column
    # is then of both)
    : > "$work/times.a"; : > "$work/cpus.a"; : > "$work/times.b"; : > "$work/cpus.b"
    r=0
    while [ "$r" -lt "$runs" ]; do
        if [ $(( r % 2 )) -eq 0 ]; then
            timed a "$launcher" status --inventory "$work/wan/inventory.yaml" --hosts bench -o json
            timed b "$before" status --inventory "$work/wan/inventory.yaml" --hosts bench -o json
        else
            timed b "$before" status --inventory "$work/wan/inventory.yaml" --hosts bench -o json
            timed a "$launcher" status --inventory "$work/wan/inventory.yaml" --hosts bench -o json
        fi
        r=$(( r + 1 ))
    done
    before_wan=$(median < "$work/times.b")
    before_cpu=$(median < "$work/cpus.b")
    result=$(median < "$work/times.a")
    cpu=$(median < "$work/cpus.a")
    report "jts-fleet status ($hosts hosts, cold)" "$lan" "$result"
    printf '%-44s %9s %9s %9s\n' "jts-fleet status, JTS_FLEET_BEFORE build" "" "$before_wan" "$before_cpu"
    echo "JTS_FLEET_BEFORE / parallel-ssh over the WAN:" \
        "$(awk -v j="$before_wan" -v p="$pssh_wan" 'BEGIN { printf "%.2f", j / p }')" \
        "(CPU $(awk -v j="$before_cpu" -v p="$pssh_cpu" 'BEGIN { printf "%.2f", j / p }'))"
fi
echo "jts-fleet / parallel-ssh over the WAN: $(awk -v j="$result" -v p="$pssh_wan" 'BEGIN { printf "%.2f", j / p }')" \
    "(CPU $(awk -v j="$cpu" -v p="$pssh_cpu" 'BEGIN { printf "%.2f", j / p }'))"
kill "$proxy"
wait "$proxy" 2>/dev/null || true
proxy=""
tail -n 1 "$work/proxy.out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
