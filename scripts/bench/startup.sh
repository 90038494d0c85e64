#!/bin/sh
# Start-up of one-shot jts-fleet runs against a hello-world JVM: --version, --help, local `status` and `check`
# (embedded inventory: this machine, no SSH), medians of 7 runs with hyperfine (3 warm-up runs each).
# Runs the launcher as installed by `make build` (the default java with its class-data archive) and, where a
# Java 25+ is installed, again with JAVA_HOME set to it (its AOT cache).
# Usage (after `make build`): scripts/bench/startup.sh [RUNS=7]   (JTS_FLEET=path/to/bin/jts-fleet: another build;
#   JTS_FLEET_BEFORE=path/to/bin/jts-fleet: that build's rows too, in the same series, for before/after ratios)
# Prints one line per command: median wall ms and its ratio to the hello-world JVM of the default java, mean
# user+sys CPU ms (hyperfine's; the JVM's compiler and GC threads and the children a local status starts included)
# and its ratio to the hello-world JVM's. On a shared machine the CPU figure is the steadier one.
set -eu
top=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
runs=${1:-7}
command -v hyperfine >/dev/null 2>&1 || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
launcher=${JTS_FLEET:-$top/bin/jts-fleet}
[ -x "$launcher" ] || { echo "startup.sh: $launcher missing: run 'make build' first" >&2; exit 1; }
work=$(mktemp -d /tmp/jts-bench-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
cat > "$work/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
javac -d "$work" "$work/Hello.java"
java17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
cd "$work" # no ./inventory.yaml: status and check read the embedded inventory (this machine)

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
java25=""
# name|command; medians from hyperfine's JSON
set -- "hello JVM ($(basename "$java17"))|java -cp $work Hello"
for jvm in /usr/lib/jvm/*/release; do
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jvm")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
        java25=${jvm%/release}
        set -- "$@" "hello JVM ($(basename "$java25"))|$java25/bin/java -cp $work Hello"
        break
    fi
done
before=${JTS_FLEET_BEFORE:-}
[ -z "$before" ] || [ -x "$before" ] || { echo "startup.sh: JTS_FLEET_BEFORE=$before is not executable" >&2; exit 1; }
for cmd in "--version" "--help" "status" "check"; do
    [ -z "$before" ] || set -- "$@" "before: jts-fleet $cmd|$before $cmd"
    set -- "$@" "jts-fleet $cmd|$launcher $cmd"
    [ -z "$java25" ] || set -- "$@" "jts-fleet $cmd (JAVA_HOME=$(basename "$java25"))|env JAVA_HOME=$java25 $launcher $cmd"
done
printf '%-52s %10s %8s %10s %8s\n' "what" "median ms" "x hello" "cpu ms" "x hello"
hello=""
hello_cpu=""
for entry in "$@"; do
    name=${entry%%|*}
    command=${entry#*|}
    # check exits 0..3 (Nagios states): any of them is a completed run
    hyperfine -N -i -w 3 -r "$runs" --export-json "$work/h.json" "$command" >/dev/null 2>&1
    read -r median cpu <<STATS
$(python3 -c 'import json,statistics,sys
r=json.load(open(sys.argv[1]))["results"][0]
print(round(statistics.median(r["times"])*1000,1), round((r["user"]+r["system"])*1000,1))' "$work/h.json")
STATS
    [ -n "$hello" ] || hello=$median
    [ -n "$hello_cpu" ] || hello_cpu=$cpu
    printf '%-52s %10s %8s %10s %8s\n' "$name" "$median" "$(python3 -c "print(f'{$median/$hello:.2f}')")" "$cpu" \
        "$(python3 -c "print(f'{$cpu/$hello_cpu:.2f}')")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
