package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/train-archives.sh trains with the launcher's one-shot JVM flags, read from the launcher's
 * {@code one_shot_flags} line (there is no second copy to keep in step), in the source tree and in the installed
 * layout (/usr/share/jts-fleet beside /usr/bin). A fake {@code java} on PATH records each command line and fails,
 * so no archive is written and nothing is trained for real.
 */
class TrainArchivesTest {
    /** What LauncherFlagsIT sees the launcher hand a one-shot command's JVM. */
    private static final List<String> ONE_SHOT = List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=3",
            "-XX:-UsePerfData");

    @TempDir
    Path dir;

    @Test
    void theSourceTreeTrainsWithTheLaunchersOneShotFlags() throws Exception {
        List<String> calls = train(Path.of("..").toAbsolutePath().normalize().resolve("packaging/train-archives.sh"));
        assertThat(calls).as("the class-list run (failing, so no dump) and the AOT cache run").hasSize(2);
        for (String call : calls) {
            assertThat(call.split(" ")).as(call).containsSubsequence(ONE_SHOT);
        }
    }

    @Test
    void theInstalledLayoutReadsTheInstalledLauncher() throws Exception {
        Path share = Files.createDirectories(dir.resolve("usr/share/jts-fleet"));
        Path bin = Files.createDirectories(dir.resolve("usr/bin"));
        Path script = Files.copy(Path.of("..").toAbsolutePath().normalize().resolve("packaging/train-archives.sh"),
                share.resolve("train-archives.sh"));
        Files.writeString(bin.resolve("jts-fleet"), "#!/bin/sh\none_shot_flags=\"-XX:+UseSerialGC -Xss1m\"\n");
        List<String> calls = train(script);
        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call).startsWith("-XX:+UseSerialGC -Xss1m "));
    }

    @Test
    void withoutALauncherNothingIsTrainedAndItSaysWhy() throws Exception {
        Path script = Files.copy(Path.of("..").toAbsolutePath().normalize().resolve("packaging/train-archives.sh"),
                Files.createDirectories(dir.resolve("alone")).resolve("train-archives.sh"));
        assertThat(train(script)).isEmpty();
        assertThat(Files.readString(dir.resolve("stderr"))).contains("no launcher with one_shot_flags");
    }

    /** Runs {@code script} with the fake java; the arguments of each java run, one line each. */
    private List<String> train(Path script) throws IOException, InterruptedException {
        Path fakeBin = Files.createDirectories(dir.resolve("fake-bin"));
        Path log = dir.resolve("java-calls");
        Path java = fakeBin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), dir.resolve("x.jar").toString(),
                dir.resolve("out/x").toString()).redirectError(dir.resolve("stderr").toFile())
                .redirectOutput(dir.resolve("stdout").toFile());
        builder.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        builder.environment().put("JTS_FLEET_AOT_JAVA", java.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("train-archives.sh finished").isTrue();
        assertThat(process.exitValue()).as("a failed training never fails the build").isZero();
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }
}
