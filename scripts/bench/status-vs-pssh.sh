#!/bin/sh
# Cold `jts-fleet status` on N loopback hosts against parallel-ssh and Ansible's shell module running the
# same gather script on the same hosts. Prints the median wall time of each over R runs and jts-fleet's peak
# RSS (/usr/bin/time; --forks N, so every host connects at once).
# Usage (root, after `make build`): scripts/bench/status-vs-pssh.sh [N=20] [R=5]
#   JTS_FLEET=path/to/bin/jts-fleet measures another build; BENCH_ANSIBLE=no leaves Ansible out (slow at 100 hosts)
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
hosts=${1:-20}
runs=${2:-5}
work=$(mktemp -d /tmp/jts-bench-status.XXXXXX)
trap '"$top/scripts/bench/sshd-fleet.sh" stop "$work"; rm -rf "$work"' EXIT INT TERM
"$top/scripts/bench/sshd-fleet.sh" start "$work" "$hosts"
gather="$top/remote-checks/src/main/resources/jts/fleet/remote/gather.sh"
cp "$gather" "$work/gather.sh"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {
    label=$1
    shift
    : > "$work/times"
    : > "$work/rss"
    r=0
    while [ "$r" -lt "$runs" ]; do
        start=$(now_ms)
        /usr/bin/time -f '%M' -o "$work/time" "$@" > "$work/out" 2> "$work/err" \
            || { echo "$label failed:"; tail -5 "$work/err"; exit 1; }
        end=$(now_ms)
        echo $(( end - start )) >> "$work/times"
        tail -n 1 "$work/time" >> "$work/rss"
        r=$(( r + 1 ))
    done
    printf '%-40s median %6s ms   runs: %s  peak RSS %s MiB\n' "$label" "$(median < "$work/times")" \
        "$(tr '\n' ' ' < "$work/times")" "$(median < "$work/rss" | awk '{ printf "%.0f", $1 / 1024 }')"
}

chmod 644 "$work/gather.sh"
launcher=${JTS_FLEET:-$top/bin/jts-fleet}
measure "jts-fleet status ($hosts hosts, cold)" "$launcher" status --inventory "$work/inventory.yaml" --hosts bench \
    --forks "$hosts" -o json
measure "parallel-ssh -p $hosts gather.sh" parallel-ssh -p "$hosts" -h "$work/pssh-hosts" -l jtsbench -x "-F $work/ssh_config" -I -o "$work/pssh-out" < "$work/gather.sh"
if [ "${BENCH_ANSIBLE:-yes}" = yes ] && command -v ansible >/dev/null 2>&1; then
    # the loopback "hosts" share this file system: the shell module runs the very same script file
    # (passing the script text itself trips Ansible's argument splitting on its quotes). Cold like the
    # others: no ControlPersist master surviving from the previous run.
    measure "ansible -m shell -f $hosts gather.sh" env ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_PYTHON_INTERPRETER=auto_silent \
        ANSIBLE_SSH_ARGS="-o ControlMaster=no" \
        ansible fleet -i "$work/ansible-hosts.ini" -f "$hosts" -m shell -a "sh $work/gather.sh"
fi
