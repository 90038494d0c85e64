# jts-fleet — build, run and test. See README.md.
MVN ?= mvn -B -q
JAR := controller/target/jts-fleet-all.jar
LAUNCHER := bin/jts-fleet

.PHONY: build run test unit clean dist deb deb-check bench

build: $(LAUNCHER)

# The build compiles the tests anyway; of them it runs the one that holds the generated command models
# (controller/.../cli/tree/CommandModels.java) equal to what the commands' annotations make now: a jar whose models
# are stale would parse and print help by the old annotations. Its failure names the command that regenerates them.
# The other modules have no such test (hence failIfNoSpecifiedTests=false), so the build then checks that this one
# ran and passed: a renamed or disabled test stops the build instead of checking nothing.
MODELS_TEST := jts.fleet.controller.cli.tree.CommandModelsTest
MODELS_CHECK := theGeneratedModelsAreWhatTheGeneratorMakesOfTheAnnotationsNow
MODELS_REPORT := controller/target/surefire-reports/TEST-$(MODELS_TEST).xml

$(LAUNCHER): bin/jts-fleet.in FORCE
	rm -f $(MODELS_REPORT)
	$(MVN) -DskipITs -Dtest='$(notdir $(subst .,/,$(MODELS_TEST)))#$(MODELS_CHECK)' -Dsurefire.failIfNoSpecifiedTests=false package
	@grep -q '<testcase name="$(MODELS_CHECK)"' $(MODELS_REPORT) 2>/dev/null && ! grep -q '<skipped' $(MODELS_REPORT) \
		|| { echo "make build: the command models' staleness check ($(MODELS_TEST)#$(MODELS_CHECK)) did not run" >&2; exit 1; }
	@# Start-up archives from a training run (packaging/train-archives.sh): a class-data archive for the default
	@# java and, where a Java 25+ is installed, its AOT cache. The launcher uses each only with the JVM that wrote
	@# it; a failed training only costs that speed-up.
	packaging/train-archives.sh $(abspath $(JAR)) $(abspath $(JAR:.jar=))
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
