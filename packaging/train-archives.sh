#!/bin/sh
# Trains the start-up archives of a jts-fleet jar: usage train-archives.sh JAR OUTBASE
#   OUTBASE.jsa (+ .jsa.java)  static class-data-sharing archive for the default `java` (Java 17+): the classes a
#                              training run loaded, with their lambda forms
#   OUTBASE.aot (+ .aot.java)  Java 25+ ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method
#                              profiles), from the first Java 25+ under /usr/lib/jvm (or $JTS_FLEET_AOT_JAVA)
# Each .java file names the very JVM binary that wrote the archive: the launcher uses an archive only with it.
# The training run (jts.fleet.controller.CdsTraining) reads this machine's storage and connects nowhere. A JVM
# that cannot write an archive only costs its speed-up: this script never fails the build for it.
set -u
jar=$1
base=$2
rm -f "$base.jsa" "$base.jsa.java" "$base.aot" "$base.aot.java" "$base.classlist"
# The launcher's flags for one-shot commands, read from the launcher itself (its one_shot_flags line), which sits
# at ../bin/jts-fleet.in from here in the source tree and at ../../bin/jts-fleet in the installed layouts
# (/usr/share/jts-fleet -> /usr/bin, share/jts-fleet -> bin of the tarball). G1 (the default) at dump time: only
# then does a Java 17 archive hold heap objects (the module graph), and only G1 maps them at run time.
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
opts=""
for launcher in "$here/../bin/jts-fleet.in" "$here/../../bin/jts-fleet"; do
    if [ -f "$launcher" ]; then
        opts=$(sed -n 's/^one_shot_flags="\(.*\)"$/\1/p' "$launcher")
        break
    fi
done
if [ -z "$opts" ]; then
    echo "train-archives: no launcher with one_shot_flags beside $here: no archive trained (start-up is slower)" >&2
    exit 0
fi
cd / || exit 0   # no ./inventory.yaml of the caller's directory in the training run

java17=$(command -v java 2>/dev/null) && java17=$(readlink -f "$java17")
if [ -n "$java17" ]; then
    # shellcheck disable=SC2086
    if java $opts -XX:DumpLoadedClassList="$base.classlist" -cp "$jar" jts.fleet.controller.CdsTraining \
            >/dev/null 2>&1 \
        && java $opts -Xshare:dump -XX:SharedClassListFile="$base.classlist" -XX:SharedArchiveFile="$base.jsa" \
            -cp "$jar" >/dev/null 2>&1; then
        echo "$java17" > "$base.jsa.java"
    else
        echo "train-archives: $java17 wrote no class-data archive (start-up is slower, nothing else)" >&2
        rm -f "$base.jsa"
    fi
    rm -f "$base.classlist"
fi

aot_java=${JTS_FLEET_AOT_JAVA:-}
if [ -z "$aot_java" ]; then
    for release in /usr/lib/jvm/*/release; do
        [ -f "$release" ] || continue
        major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
        if [ -n "$major" ] && [ "$major" -ge 25 ] && [ -x "${release%/release}/bin/java" ]; then
            aot_java=${release%/release}/bin/java
            break
        fi
    done
fi
if [ -n "$aot_java" ]; then
    aot_java=$(readlink -f "$aot_java")
    # shellcheck disable=SC2086
    # No cached adapters and stubs: Temurin 25.0.3 fails to link some of them at start-up and warns on stderr.
    if "$aot_java" $opts -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching -XX:-AOTStubCaching \
            -XX:AOTCacheOutput="$base.aot" -cp "$jar" jts.fleet.controller.CdsTraining \
            >/dev/null 2>&1 && [ -f "$base.aot" ]; then
        echo "$aot_java" > "$base.aot.java"
    else
        echo "train-archives: $aot_java wrote no AOT cache (the launcher uses $java17 then)" >&2
        rm -f "$base.aot"
    fi
fi
exit 0
