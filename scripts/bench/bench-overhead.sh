#!/bin/sh
# Harness overhead of `bench run`: wall time of a whole engine run (fan-out, devices script, O_DIRECT and engine
# probes, transport, parsing, storing) minus the time fio ran on the host (layout + timed run, from bench.sh's
# timestamps). Target: <= 3 % of the wall time. Runs on an ext4 loop filesystem it creates and removes (root).
#
# usage: scripts/bench/bench-overhead.sh [PROFILES [RUNTIME_S [SIZE]]]   (default: quick 20 64m)
# env:   JTS_BUILD_DIR (default target) -- build directory name, as -Djts.build.dir
set -eu
profiles=${1:-quick}
runtime=${2:-20}
size=${3:-64m}
build=${JTS_BUILD_DIR:-target}
root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
work=$(mktemp -d /tmp/jts-bench-overhead.XXXXXX)
loop=
cleanup() {
    if mountpoint -q "$work/mnt" 2>/dev/null; then umount "$work/mnt"; fi
    if [ -n "$loop" ]; then losetup -d "$loop"; fi
    rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ "$(id -u)" -eq 0 ] || { echo "bench-overhead: needs root (loop device)" >&2; exit 2; }
command -v fio >/dev/null || { echo "bench-overhead: fio not installed" >&2; exit 2; }

cd "$root"
mvn -o -q -B -Djts.build.dir="$build" -pl controller -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >"$work/mvn.log" 2>&1 ||
    { cat "$work/mvn.log" >&2; exit 1; }
cp="controller/$build/test-classes:controller/$build/classes:$(cat "$work/classpath")"

truncate -s 512M "$work/fs.img"
loop=$(losetup --find --show "$work/fs.img")
mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$loop"
mkdir "$work/mnt"
mount "$loop" "$work/mnt"

java -cp "$cp" jts.fleet.controller.bench.BenchOverhead "$work/mnt" "$profiles" "$runtime" "$size" | tee "$work/result"
pct=$(sed -n 's/.*harness_pct=\([0-9.]*\).*/\1/p' "$work/result")
if awk -v p="$pct" 'BEGIN { exit !(p <= 3.0) }'; then
    echo "bench-overhead: OK, harness overhead $pct % <= 3 %"
else
    echo "bench-overhead: FAIL, harness overhead $pct % > 3 %" >&2
    exit 1
fi
