#!/bin/sh
# Fleet-wide `status` in the shell (connections kept) against a cold CLI run and against OpenSSH
# ControlMaster-multiplexed ssh running the identical gather command line, over N loopback hosts served by
# real sshd (SshdFixture: one sshd per 16 ports). Also a no-op round (shell `hosts` vs `ssh ... true`) that
# isolates the transport from the host-side work. Prints min/median/max per variant. Issue 7.
# Every variant logs in as the unprivileged jtsnopw (/bin/sh, no sudo): root's ~/.bashrc on a dev box (pyenv init) would
# add ~145 ms of CPU to every remote command and hide what is measured.
#
# Usage: scripts/bench/shell-vs-controlmaster.sh [RUNS] [HOSTS]     (default 10 runs, 20 hosts)
# Needs: root (sshd, keys under /tmp), openssh-client + openssh-server, Maven's offline cache.
# Builds into its own directory (JTS_BUILD_DIR, default target-bench-shell) so it never collides with other builds.
set -eu

runs=${1:-10}
hosts=${2:-20}
case $runs$hosts in
    *[!0-9]*) echo "usage: $0 [RUNS] [HOSTS] (whole numbers)" >&2; exit 2 ;;
esac
build=${JTS_BUILD_DIR:-target-bench-shell}
case $build in
    '' | */* | .*) echo "JTS_BUILD_DIR must be a plain directory name, got '$build'" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."

mvn -o -q -B -Djts.build.dir="$build" -DskipTests -DskipITs -pl controller -am test-compile
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -o -q -B -Djts.build.dir="$build" -pl controller dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath_file" >/dev/null
# the project's own modules come from this build, not from whatever an earlier `install` left in ~/.m2
third_party=$(tr ':' '\n' <"$classpath_file" | grep -v '/io/jts/fleet/' | paste -sd: -)
here=$(pwd)
cp="$here/controller/$build/test-classes:$here/controller/$build/classes"
cp="$cp:$here/remote-checks/$build/classes:$here/remote-checks/$build/test-classes:$here/inventory/$build/classes"

# the JVM options bin/jts-fleet runs with (C1 only, serial GC): the shell measured as it ships
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$cp:$third_party" jts.fleet.controller.shell.ShellBench \
    "$runs" "$hosts"
