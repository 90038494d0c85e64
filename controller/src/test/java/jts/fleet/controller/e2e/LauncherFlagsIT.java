package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher picks JVM flags by command (bin/jts-fleet.in): one-shot commands start on G1 (the collector that maps
 * the class-data archive's heap objects) with C1 alone at raised thresholds and no hsperfdata file; the shell and
 * watch, which run for hours, keep the serial collector and C1 at its usual thresholds. The command is the first
 * word after the top-level options, as CommandTree reads it. -XX:+PrintCommandLineFlags shows what the JVM was given.
 */
class LauncherFlagsIT {
    @Test
    void oneShotCommandsStartOnG1WithC1AtRaisedThresholds(@TempDir Path dir) throws Exception {
        Launcher.requireBuilt();
        Launcher launcher = new Launcher(dir).env("JTS_FLEET_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        for (String[] line : new String[][] {{"--version"}, {"-v", "status", "--help"}, {"check", "--help"}}) {
            Launcher.Result run = launcher.run(line);
            assertThat(run.exit()).as(run.toString()).isZero();
            String flags = run.out().lines().findFirst().orElse("");
            assertThat(flags).as(run.toString()).contains("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=3",
                    "-XX:+UseG1GC", "-XX:-UsePerfData").doesNotContain("UseSerialGC");
        }
    }

    @Test
    void theShellAndWatchKeepTheSerialCollectorAndUsualThresholds(@TempDir Path dir) throws Exception {
        Launcher.requireBuilt();
        Launcher launcher = new Launcher(dir).env("JTS_FLEET_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        for (String[] line : new String[][] {{"watch", "--help"}, {"-vv", "--log-file", dir.resolve("log").toString(),
            "shell", "--help"}, {"--log-file=" + dir.resolve("log2"), "watch", "--help"}}) {
            Launcher.Result run = launcher.run(line);
            assertThat(run.exit()).as(run.toString()).isZero();
            String flags = run.out().lines().findFirst().orElse("");
            assertThat(flags).as(run.toString()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                    .doesNotContain("CompileThresholdScaling").doesNotContain("UsePerfData");
        }
    }

    /**
     * The jar goes on the class path with the main class named, not {@code -jar}: java -jar parses the jar's central
     * directory once more to read the manifest. Fewer entries make each parse cheaper: the jar is not Multi-Release,
     * so its dependencies' META-INF/versions classes, which no JVM would read, are left out.
     */
    @Test
    void theJarIsTheClassPathAndHoldsNoVersionedClasses(@TempDir Path dir) throws Exception {
        Launcher.requireBuilt();
        Launcher.Result run = new Launcher(dir).env("JTS_FLEET_JAVA_OPTS", "-XshowSettings:properties").run("--version");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).contains("sun.java.command = jts.fleet.controller.Main --version")
                .contains("java.class.path = " + Launcher.jar().toRealPath());
        try (var jar = new java.util.jar.JarFile(Launcher.jar().toFile())) {
            assertThat(jar.isMultiRelease()).isFalse();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .as("what `java -jar` runs, the class the launcher names").isEqualTo("jts.fleet.controller.Main");
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
                    .as("versioned classes of a jar that is not Multi-Release").isNotEmpty()
                    .noneMatch(name -> name.startsWith("META-INF/versions/"));
        }
    }

    /** java splits a class path at ':' (java -jar too): a jar under such a path is refused with its path named. */
    @Test
    void aJarWhosePathHasAColonIsRefusedByName(@TempDir Path dir) throws Exception {
        Launcher.requireBuilt();
        Launcher launcher = new Launcher(dir);
        Path lib = Files.createDirectories(launcher.workDir().resolve("release:1"));
        Path jar = Files.copy(Launcher.jar(), lib.resolve("jts-fleet-all.jar"));
        Launcher.Result run = launcher.env("JTS_FLEET_JAR", jar.toString()).run("--version");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains("contains ':'").contains(jar.toRealPath().toString())
                .doesNotContain("ClassNotFoundException");
    }

    @Test
    void aRelativeJarPathIsFoundWhateverCdpathSays(@TempDir Path dir) throws Exception {
        Launcher.requireBuilt();
        Launcher launcher = new Launcher(dir);
        Path lib = Files.createDirectories(launcher.workDir().resolve("lib"));
        Files.copy(Launcher.jar(), lib.resolve("jts-fleet-all.jar"));
        // with CDPATH exported a POSIX cd prints the directory it found: none of that may end up in the jar's path
        Launcher.Result run = launcher.env("CDPATH", launcher.workDir() + ":.")
                .env("JTS_FLEET_JAR", "lib/jts-fleet-all.jar").run("--version");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).startsWith("jts-fleet ");
    }
}
