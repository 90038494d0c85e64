package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * check-read.sh run by a real sh on a fixture tree: it reads the textfile it is given inside the sysroot, and checks
 * that path again on the host (absolute, no ".." component) as the controller's {@link HostReads#checkArgs} does.
 */
class CheckReadScriptTest {
    @TempDir
    Path dir;

    private String[] run(List<String> args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", HostReads.checkScript(), "jts-fleet"));
        argv.addAll(args);
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished in 30 s").isTrue();
        return new String[] {Integer.toString(p.exitValue()),
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
            new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    private Path tree() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/diskstats"), " 259 0 nvme0n1 1 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        Files.createDirectories(root.resolve("var/lib/node"));
        Files.writeString(root.resolve("var/lib/node/jts_storage.prom"), "jts_metrics_blackout 0\n");
        Files.writeString(dir.resolve("secret.prom"), "not the textfile\n");
        return root;
    }

    @Test
    void theTextfileIsReadInsideTheSysroot() throws Exception {
        Path root = tree();
        String[] r = run(HostReads.checkArgs(Duration.ZERO, "/var/lib/node/jts_storage.prom",
                Optional.of(root.toString())));
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(HostReads.parseCheck("box", r[1]).textfile()).isEqualTo("jts_metrics_blackout 0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret.prom", "/../secret.prom", "/var/lib/../../../secret.prom", "/var/lib/node/.."})
    void aTextfilePathTheControllerWouldRefuseIsRefusedOnTheHostToo(String textfile) throws Exception {
        Path root = tree();
        String[] r = run(List.of("0.000", textfile, root.resolve("var/lib/node").toString()));
        assertThat(r[0]).as(r[1] + r[2]).isEqualTo("2");
        assertThat(r[1]).as("nothing read").isEmpty();
        assertThat(r[2]).isEqualTo("check-read: textfile path \"" + textfile + "\" must be absolute without ..\n");
    }
}
