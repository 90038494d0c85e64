# jts-fleet — build, run and test. See README.md.
MVN ?= mvn -B -q
JAR := controller/target/jts-fleet-all.jar
LAUNCHER := bin/jts-fleet

.PHONY: build run test unit clean dist deb deb-check bench

build: $(LAUNCHER)

$(LAUNCHER): bin/jts-fleet.in FORCE
	$(MVN) -DskipTests -DskipITs package
	@# A class-data-sharing archive from a training run cuts JVM start-up by ~150 ms (the launcher uses it
	@# only with the JVM that made it). A failed training only costs that speed-up.
	-java -XX:ArchiveClassesAtExit=$(abspath $(JAR:.jar=.jsa)) -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp $(abspath $(JAR)) jts.fleet.controller.CdsTraining >/dev/null 2>&1
	-readlink -f "$$(command -v java)" > $(JAR:.jar=.jsa.java)
	install -m 0755 bin/jts-fleet.in $(LAUNCHER)

FORCE:

## Builds, then shows the storage of this machine through the embedded default inventory.
run: build
	$(LAUNCHER) status

## Every test: unit tests (surefire) and integration tests (failsafe: real sshd, loop devices, fio, udevadm ...).
test:
	mvn -B --no-transfer-progress verify

## Unit tests only (fast).
unit:
	mvn -B --no-transfer-progress test

clean:
	$(MVN) clean
	rm -f $(LAUNCHER)

# make dist, make deb, make deb-check (packaging/README.md)
include packaging/Makefile.inc
