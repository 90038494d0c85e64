#!/bin/sh
# `jts-fleet watch --interval 1s` on a busy host whose login shell takes 1.2 s (a conda/pyenv-style ~/.bashrc):
# how many of TICKS intervals carry data for the host, against `iostat -x 1` run on the host at the same time.
# The host: a loopback sshd (scripts/bench/sshd-fleet.sh) with a bash login `jtsbusy` whose ~/.bashrc sleeps
# 1.2 s (bash reads it for every SSH command), both cores saturated by two busy loops, and fio (4k random
# read/write, psync, O_DIRECT) on a loop device backed by /dev/shm.
# Usage (root, after `make build`; under the IT lock on a shared machine: it uses a loop device):
#   scripts/bench/watch-busy.sh [TICKS=12]          JTS_FLEET=path/to/bin/jts-fleet compares another build
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
ticks=${1:-12}
case $ticks in '' | *[!0-9]*) echo "watch-busy: TICKS must be a number" >&2; exit 2 ;; esac
launcher=${JTS_FLEET:-$top/bin/jts-fleet}
[ -x "$launcher" ] || { echo "watch-busy: $launcher missing: run 'make build' first" >&2; exit 1; }
user=jtsbusy
work=$(mktemp -d /tmp/jts-bench-busy.XXXXXX)
chmod 755 "$work"
loop=""
pids=""
made_user=""
cleanup() {
    for pid in $pids; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    "$top/scripts/bench/sshd-fleet.sh" stop "$work"
    [ -z "$loop" ] || losetup -d "$loop" 2>/dev/null || true
    [ -z "$made_user" ] || userdel "$user" 2>/dev/null || true
    rm -rf "$work" /dev/shm/"${work##*/}".img
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the slow login: bash runs ~/.bashrc for commands sshd starts (Debian builds bash with SSH_SOURCE_BASHRC)
if ! id "$user" >/dev/null 2>&1; then
    useradd -M -d "$work/home" -s /bin/bash "$user"
    made_user=yes
else
    usermod -d "$work/home" -s /bin/bash "$user"
fi
mkdir -p "$work/home"
printf '# a conda/pyenv-style start-up\nsleep 1.2\n' > "$work/home/.bashrc"
chown -R "$user" "$work/home"
SSHD_FLEET_USER=$user "$top/scripts/bench/sshd-fleet.sh" start "$work" 1 >/dev/null
start=$(date +%s%N)
ssh -F "$work/ssh_config" -p "$(sed -n 's/.*://p' "$work/pssh-hosts")" 127.0.0.1 true
echo "one ssh command as $user: $(( ($(date +%s%N) - start) / 1000000 )) ms (the login's ~/.bashrc sleeps 1.2 s)"

# the load: fio on a loop device, both cores busy
truncate -s 256M /dev/shm/"${work##*/}".img
loop=$(losetup -f --show /dev/shm/"${work##*/}".img)
fio --name=busy --filename="$loop" --rw=randrw --bs=4k --direct=1 --ioengine=psync --time_based \
    --runtime=600 --output=/dev/null >/dev/null 2>&1 &
pids="$pids $!"
for _ in 1 2; do
    sh -c 'while :; do :; done' &
    pids="$pids $!"
done
sleep 2
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores), fio on $loop"

# iostat on the host over the same intervals, as the anchor
iostat -x -d "${loop#/dev/}" 1 "$(( ticks + 1 ))" > "$work/iostat.txt" &
iostat_pid=$!
"$launcher" watch --inventory "$work/inventory.yaml" --hosts bench --interval 1s --count "$ticks" \
    --all-devices -o json > "$work/watch.json" 2> "$work/watch.err" || true
wait "$iostat_pid" || true
# iostat's first report is the average since boot: the intervals are the ones after it
iostat_reports=$(grep -c "^${loop#/dev/} " "$work/iostat.txt" || true)
python3 - "$work/watch.json" "$ticks" "$(( iostat_reports - 1 ))" <<'PY'
import json, sys
path, ticks, iostat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = [json.loads(l) for l in open(path) if l.startswith("{")]
data, errors = 0, []
for tick in lines:
    for host in tick["hosts"]:
        if "error" not in host and host["devices"]:
            data += 1
        elif "error" in host:
            errors.append(host["error"])
print(f"jts-fleet watch --interval 1s: {data} of {ticks} ticks carry data ({len(lines)} ticks printed)")
print(f"iostat -x 1 on the host:       {iostat} of {ticks} intervals")
for e in sorted(set(errors)):
    print(f"  error ({errors.count(e)}x): {e}")
PY
[ ! -s "$work/watch.err" ] || { echo "watch stderr:"; tail -5 "$work/watch.err"; }
