#!/bin/sh
# Cold `jts-fleet status` of N hosts behind one bastion against parallel-ssh through the same bastion
# (ProxyJump in an ssh config, so one bastion connection per host), both running the same gather script.
# The hosts live in a network namespace that only the bastion's namespace can reach; the bastion's sshd log
# counts the connections each tool opened to it. Prints the median wall time of each over R runs and the ratio.
# Usage (root, after `make build`): scripts/bench/bastion-vs-pssh.sh [N=20] [R=5]
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
hosts=${1:-20}
runs=${2:-5}
work=$(mktemp -d /tmp/jts-bench-bastion.XXXXXX)
id=$(( $$ % 100000 ))
ns_bastion="jtsb-$id-bastion"
ns_fleet="jtsb-$id-fleet"
net="169.254.$(( 16 + $$ % 200 ))"
bastion="$net.2"
fleet="$net.6"

cleanup() {
    for pidfile in "$work"/*.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    ip netns del "$ns_fleet" 2>/dev/null || true
    ip netns del "$ns_bastion" 2>/dev/null || true
    ip route del unreachable "$net.0/24" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A plain /bin/sh login: root's interactive rc files would add ~1 s to every command of every tool measured.
user=jtsbench
if ! id "$user" >/dev/null 2>&1; then
    useradd -M -d /nonexistent -s /bin/sh "$user"
fi
usermod -p '*' "$user"
mkdir -p /run/sshd
chmod 755 "$work"
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/id_ed25519"
cp "$work/id_ed25519.pub" "$work/authorized_keys"
chmod 644 "$work/authorized_keys"
hostkey=$(cut -d' ' -f1,2 "$work/host_key.pub")

# root <-> bastion namespace <-> fleet namespace, link-local /30s; nothing forwards, and the root namespace gets
# no route to the fleet (an unreachable route, so the default route's gateway is not asked either).
ip route add unreachable "$net.0/24"
ip netns add "$ns_bastion"
ip netns add "$ns_fleet"
ip -n "$ns_bastion" link set lo up
ip -n "$ns_fleet" link set lo up
ip link add "jb${id}u0" type veth peer name "jb${id}d0"
ip link set "jb${id}d0" netns "$ns_bastion"
ip addr add "$net.1/30" dev "jb${id}u0"
ip link set "jb${id}u0" up
ip -n "$ns_bastion" addr add "$bastion/30" dev "jb${id}d0"
ip -n "$ns_bastion" link set "jb${id}d0" up
ip link add "jb${id}u1" type veth peer name "jb${id}d1"
ip link set "jb${id}u1" netns "$ns_bastion"
ip link set "jb${id}d1" netns "$ns_fleet"
ip -n "$ns_bastion" addr add "$net.5/30" dev "jb${id}u1"
ip -n "$ns_bastion" link set "jb${id}u1" up
ip -n "$ns_fleet" addr add "$fleet/30" dev "jb${id}d1"
ip -n "$ns_fleet" link set "jb${id}d1" up
ip netns exec "$ns_bastion" sysctl -qw net.ipv4.ip_forward=0

common() {
    printf 'HostKey %s\nAuthorizedKeysFile %s\nStrictModes no\nUsePAM no\nPermitRootLogin no\n' \
        "$work/host_key" "$work/authorized_keys"
    printf 'PasswordAuthentication no\nMaxStartups 200:30:400\n'
}
# The bastion as shipped: OpenSSH's default MaxSessions (10); INFO logs one "Accepted publickey" per connection.
{ common; printf 'ListenAddress %s:22\nPidFile %s\nLogLevel INFO\n' "$bastion" "$work/bastion.pid"; } \
    > "$work/bastion.conf"
ip netns exec "$ns_bastion" /usr/sbin/sshd -f "$work/bastion.conf" -E "$work/bastion.log"

{
    printf 'hosts:\n'
    printf '  bastion: {address: %s, port: 22, user: %s, become: none, identity_file: "%s", known_hosts: "%s", groups: [jump]}\n' \
        "$bastion" "$user" "$work/id_ed25519" "$work/known_hosts"
} > "$work/inventory.yaml"
printf '%s %s\n' "$bastion" "$hostkey" > "$work/known_hosts"
: > "$work/pssh-hosts"
i=0
server=0
while [ "$i" -lt "$hosts" ]; do
    cfg="$work/fleet-$server.conf"
    { common; printf 'PidFile %s\nMaxSessions 50\nLogLevel ERROR\n' "$work/fleet-$server.pid"; } > "$cfg"
    n=0
    while [ "$n" -lt 16 ] && [ "$i" -lt "$hosts" ]; do
        port=$(( 40000 + i ))
        name=$(printf 'h%02d' "$(( i + 1 ))")
        printf 'ListenAddress %s:%s\n' "$fleet" "$port" >> "$cfg"
        printf '%s:%s\n' "$fleet" "$port" >> "$work/pssh-hosts"
        printf '[%s]:%s %s\n' "$fleet" "$port" "$hostkey" >> "$work/known_hosts"
        printf '  %s: {address: %s, port: %s, user: %s, become: none, identity_file: "%s", known_hosts: "%s", proxy_jump: bastion, groups: [bench]}\n' \
            "$name" "$fleet" "$port" "$user" "$work/id_ed25519" "$work/known_hosts" >> "$work/inventory.yaml"
        i=$(( i + 1 ))
        n=$(( n + 1 ))
    done
    ip netns exec "$ns_fleet" /usr/sbin/sshd -f "$cfg"
    server=$(( server + 1 ))
done
cat > "$work/ssh_config" <<CFG
Host $fleet
  ProxyJump $user@$bastion
Host *
  User $user
  IdentityFile $work/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $work/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  ControlMaster no
CFG
sleep 1
if timeout 3 sh -c "exec 3<>/dev/tcp/$fleet/40000" 2>/dev/null; then
    echo "the fleet is reachable without the bastion: the benchmark would not measure the jump" >&2
    exit 1
fi
gather="$top/remote-checks/src/main/resources/jts/fleet/remote/gather.sh"
cp "$gather" "$work/gather.sh"
chmod 644 "$work/gather.sh"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
accepted() { grep -c 'Accepted publickey' "$work/bastion.log" || true; }

# measure KEY LABEL COMMAND...: runs COMMAND R times; its median goes to $work/median-KEY
measure() {
    key=$1
    label=$2
    shift 2
    : > "$work/times"
    : > "$work/logins"
    r=0
    while [ "$r" -lt "$runs" ]; do
        before=$(accepted)
        start=$(now_ms)
        "$@" > "$work/out" 2> "$work/err" || { echo "$label failed:"; tail -5 "$work/err"; tail -5 "$work/out"; exit 1; }
        end=$(now_ms)
        echo $(( end - start )) >> "$work/times"
        sleep 0.3 # sshd writes its log line after the login; let it land before counting
        echo $(( $(accepted) - before )) >> "$work/logins"
        r=$(( r + 1 ))
    done
    printf '%-44s median %6s ms   runs: %s  bastion connections per run: %s\n' "$label" \
        "$(median < "$work/times")" "$(tr '\n' ' ' < "$work/times")" "$(sort -u "$work/logins" | tr '\n' ' ')"
    median < "$work/times" > "$work/median-$key"
}

measure jts "jts-fleet status ($hosts hosts, cold)" "$top/bin/jts-fleet" status --inventory "$work/inventory.yaml" \
    --hosts bench -o json
measure pssh "parallel-ssh -p $hosts via ProxyJump" parallel-ssh -p "$hosts" -h "$work/pssh-hosts" \
    -x "-F $work/ssh_config" -I -o "$work/pssh-out" < "$work/gather.sh"
awk -v a="$(cat "$work/median-jts")" -v b="$(cat "$work/median-pssh")" \
    'BEGIN { printf "ratio jts-fleet / parallel-ssh: %.2f (goal: at most 0.5)\n", a / b }'
