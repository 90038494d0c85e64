#!/bin/sh
# Starts a loopback "fleet" of N sshd ports (16 per sshd) for benchmarks, as root.
# Usage: sshd-fleet.sh start DIR N | stop DIR   (SSHD_FLEET_EXTRA: extra sshd_config lines for every server;
#        SSHD_FLEET_USER: an existing login to use instead of jtsbench, which is made with a plain /bin/sh)
# Writes DIR/inventory.yaml (jts-fleet), DIR/pssh-hosts, DIR/ansible-hosts.ini, DIR/ssh_config and keys.
set -eu

cmd=${1:?usage: sshd-fleet.sh start DIR N | stop DIR}
dir=${2:?directory}

stop() {
    for pidfile in "$dir"/sshd-*.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

if [ "$cmd" = stop ]; then
    stop
    exit 0
fi

count=${3:?host count}
# A plain /bin/sh login: root's interactive rc files (pyenv ...) would add ~250 ms to every command of
# every tool measured.
user=${SSHD_FLEET_USER:-jtsbench}
if [ "$user" = jtsbench ] && ! id "$user" >/dev/null 2>&1; then
    useradd -M -d /nonexistent -s /bin/sh "$user"
fi
usermod -p '*' "$user"
mkdir -p "$dir" /run/sshd
chmod 755 "$dir"
[ -f "$dir/host_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
[ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/id_ed25519"
cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
chmod 644 "$dir/authorized_keys"

base=$(( 40000 + $$ % 10000 ))
: > "$dir/pssh-hosts"
: > "$dir/known_hosts"
printf '[fleet]\n' > "$dir/ansible-hosts.ini"
printf 'hosts:\n' > "$dir/inventory.yaml"
hostkey=$(cut -d' ' -f1,2 "$dir/host_key.pub")
i=0
skipped=0
server=0
while [ "$i" -lt "$count" ]; do
    cfg="$dir/sshd-$server.conf"
    {
        printf 'ListenAddress 127.0.0.1\nHostKey %s\nPidFile %s\n' "$dir/host_key" "$dir/sshd-$server.pid"
        printf 'AuthorizedKeysFile %s\nStrictModes no\nUsePAM no\nPermitRootLogin no\n' "$dir/authorized_keys"
        printf 'PasswordAuthentication no\nMaxStartups 200:30:400\nMaxSessions 50\nLogLevel ERROR\n'
        # SSHD_FLEET_EXTRA: more sshd_config lines for every server (e.g. "ForceCommand yes": hosts that flood)
        [ -z "${SSHD_FLEET_EXTRA:-}" ] || printf '%s\n' "$SSHD_FLEET_EXTRA"
    } > "$cfg"
    n=0
    while [ "$n" -lt 16 ] && [ "$i" -lt "$count" ]; do
        port=$(( base + i + skipped ))
        if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
            skipped=$(( skipped + 1 )) # taken by something else: try the next one
            continue
        fi
        printf 'Port %s\n' "$port" >> "$cfg"
        name=$(printf 'h%02d' "$(( i + 1 ))")
        printf '127.0.0.1:%s\n' "$port" >> "$dir/pssh-hosts"
        printf '[127.0.0.1]:%s %s\n' "$port" "$hostkey" >> "$dir/known_hosts"
        printf '%s ansible_host=127.0.0.1 ansible_port=%s\n' "$name" "$port" >> "$dir/ansible-hosts.ini"
        printf '  %s: {address: 127.0.0.1, port: %s, user: %s, become: none, identity_file: "%s", known_hosts: "%s", groups: [bench]}\n' \
            "$name" "$port" "$user" "$dir/id_ed25519" "$dir/known_hosts" >> "$dir/inventory.yaml"
        i=$(( i + 1 ))
        n=$(( n + 1 ))
    done
    /usr/sbin/sshd -f "$cfg"
    server=$(( server + 1 ))
done
cat > "$dir/ssh_config" <<CFG
Host 127.0.0.1
  User $user
  IdentityFile $dir/id_ed25519
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
CFG
cat >> "$dir/ansible-hosts.ini" <<INI
[fleet:vars]
ansible_user=$user
ansible_ssh_private_key_file=$dir/id_ed25519
ansible_remote_tmp=/tmp/.ansible-$user
ansible_ssh_common_args=-o UserKnownHostsFile=$dir/known_hosts -o StrictHostKeyChecking=yes
INI
sleep 1
