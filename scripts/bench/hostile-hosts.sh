#!/bin/sh
# Benchmarks of hostile hosts (issue 13), as root (loopback sshd fleet, test login jtsbench whose shell is /bin/sh):
#   flood  HOSTS sshd ports with "ForceCommand yes" (every command prints without end); `jts-fleet status` at the
#          default output cap: the controller's peak RSS (/usr/bin/time). Goal: under 600 MiB.
#   drip   HOSTS servers that send "x\r\n" every 2 s and never an SSH banner; `jts-fleet status` with
#          --connect-timeout 10m --run-timeout 10s: seconds from the run deadline to the exit. Goal: under 5 s.
# Usage: scripts/bench/hostile-hosts.sh [HOSTS] [RUNS]   (default 20 hosts, 3 runs; prints one line per run)
set -eu
cd "$(dirname "$0")/../.."
hosts=${1:-20}
runs=${2:-3}
case $hosts$runs in *[!0-9]*) echo "hostile-hosts: HOSTS and RUNS are numbers" >&2; exit 2 ;; esac
[ "$(id -u)" = 0 ] || { echo "hostile-hosts: run as root (it starts sshd)" >&2; exit 2; }
make -s build >/dev/null
work=$(mktemp -d /tmp/jts-hostile-bench.XXXXXX)
chmod 755 "$work" # sshd reads the authorized keys under it as the test login
drip_pid=
cleanup() {
    [ -z "$drip_pid" ] || kill "$drip_pid" 2>/dev/null || true
    scripts/bench/sshd-fleet.sh stop "$work/flood" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# ---- flood ------------------------------------------------------------------------------------------------
SSHD_FLEET_EXTRA="ForceCommand yes" scripts/bench/sshd-fleet.sh start "$work/flood" "$hosts" >/dev/null
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    /usr/bin/time -f '%M %e' -o "$work/time" bin/jts-fleet status --inventory "$work/flood/inventory.yaml" \
        -o json >"$work/flood.json" 2>"$work/flood.err" || true
    # GNU time puts "Command exited with non-zero status N" first when it does (a failed host is exit 10)
    read -r kib seconds <<EOF
$(tail -n 1 "$work/time")
EOF
    limited=$(grep -c '"failure" : "output_limit"' "$work/flood.json" || true)
    echo "flood run $i: $hosts hosts, $limited output_limit, peak RSS $((kib / 1024)) MiB, $seconds s"
    [ "$limited" = "$hosts" ] || { echo "  not every host ended in output_limit; stderr:"; head -n 5 "$work/flood.err"; }
done
scripts/bench/sshd-fleet.sh stop "$work/flood" >/dev/null

# ---- drip -------------------------------------------------------------------------------------------------
# a server per host on 127.0.0.1, each writing "x\r\n" every 2 s to every connection (perl-base only)
perl -MIO::Socket::INET -MIO::Select -e '
    my ($n, $out) = @ARGV; my (@servers, @clients); my $sel = IO::Select->new;
    open(my $fh, ">", $out) or die; 
    for (1 .. $n) { my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 64, ReuseAddr => 1) or die;
                    push @servers, $s; $sel->add($s); print $fh $s->sockport, "\n" }
    close $fh; $SIG{PIPE} = "IGNORE"; my $next = time + 2;
    while (1) {
        for my $r ($sel->can_read(0.2)) { my $c = $r->accept; push @clients, $c if $c }
        if (time >= $next) { @clients = grep { defined(syswrite($_, "x\r\n")) } @clients; $next = time + 2 }
    }' "$hosts" "$work/drip.ports" &
drip_pid=$!
while [ ! -s "$work/drip.ports" ] || [ "$(wc -l <"$work/drip.ports")" -lt "$hosts" ]; do sleep 0.1; done
ssh-keygen -q -t ed25519 -N '' -f "$work/id" >/dev/null
: >"$work/known_hosts"
{
    printf 'hosts:\n'
    n=0
    while read -r port; do
        n=$((n + 1))
        printf '  d%02d: {address: 127.0.0.1, port: %s, user: jtsbench, become: none, identity_file: "%s", known_hosts: "%s"}\n' \
            "$n" "$port" "$work/id" "$work/known_hosts"
    done <"$work/drip.ports"
} >"$work/drip.yaml"
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    start=$(date +%s%N)
    bin/jts-fleet status --inventory "$work/drip.yaml" --connect-timeout 10m --run-timeout 10s \
        >"$work/drip.out" 2>"$work/drip.err" || true
    end=$(date +%s%N)
    timeouts=$(grep -c 'run deadline of 10 s passed' "$work/drip.out" || true)
    echo "drip run $i: $hosts hosts, $timeouts reported timeout, exit $(( (end - start) / 1000000 - 10000 )) ms after the 10 s run deadline"
    [ "$timeouts" = "$hosts" ] || { echo "  not every host reported the run deadline; output:"; head -n 5 "$work/drip.out" "$work/drip.err"; }
done
