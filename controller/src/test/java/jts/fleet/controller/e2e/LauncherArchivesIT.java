package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up archives (packaging/train-archives.sh) are handed to the JVM only when they were trained
 * after the jar was built: a jar rebuilt later ({@code mvn package} after {@code make build}) would make the JVM
 * refuse the archive with an error on stderr on every run.
 */
class LauncherArchivesIT {
    @Test
    void anArchiveOlderThanTheJarIsLeftAlone(@TempDir Path dir) throws Exception {
        Launcher.requireBuilt();
        Path jar = Files.copy(Launcher.jar(), dir.resolve("jts-fleet-all.jar"));
        // not an archive at all: a JVM that is given it says so on stderr (or refuses the option)
        Path archive = Files.write(dir.resolve("jts-fleet-all.aot"), new byte[4096]);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        Files.writeString(dir.resolve("jts-fleet-all.aot.java"), java + "\n");
        Launcher launcher = new Launcher(dir.resolve("run")).env("JTS_FLEET_JAR", jar.toString())
                .env("JAVA_HOME", System.getProperty("java.home"));
        var built = Files.getLastModifiedTime(jar).toInstant();

        Files.setLastModifiedTime(archive, FileTime.from(built.minusSeconds(60)));
        Launcher.Result stale = launcher.run("--version");
        assertThat(stale.exit()).as(stale.toString()).isZero();
        assertThat(stale.err()).as(stale.toString()).isEmpty();
        assertThat(stale.out()).as(stale.toString()).startsWith("jts-fleet ");

        // the same file dated after the jar goes to the JVM: what the check above keeps away
        Files.setLastModifiedTime(archive, FileTime.from(built.plusSeconds(60)));
        Launcher.Result fresh = launcher.run("--version");
        assertThat(fresh.err()).as(fresh.toString()).containsIgnoringCase("aot");
    }
}
