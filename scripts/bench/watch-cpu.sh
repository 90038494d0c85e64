#!/bin/sh
# Benchmark: CPU cost of `jts-fleet watch` for 20 loopback SSH hosts at a 1 s interval, measured from the
# controller JVM's /proc/<pid>/stat (utime + stime), with the JVM flags of bin/jts-fleet. Needs root (test sshd).
# Usage: scripts/bench/watch-cpu.sh [measured-seconds]   (default 20)
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-20}
case $seconds in '' | *[!0-9]*) echo "watch-cpu: seconds must be a number" >&2; exit 2 ;; esac
mvn -o -q -B -Djts.build.dir=target-bench -pl controller -am verify -Dtest=NONE -Dit.test=WatchCpuBench \
    -Djts.bench.seconds="$seconds" -DargLine="-XX:+UseSerialGC -XX:TieredStopAtLevel=1" -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false 2>&1 | grep -E '\[WatchCpuBench\]|FAIL|ERROR' || true
