package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(r[2]).isEqualTo("check-read: textfile path \"" + textfile
                + "\" must be absolute, without .. or control characters\n");
    }

    /**
     * Control characters as the controller refuses them (Character.isISOControl: C0, DEL and C1), given to the script
     * as the bytes a host receives (C1 in UTF-8), by an outer sh's printf: the same rule on both sides.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\\001", "\\011", "\\177", "\\302\\205", "\\302\\237"})
    void aControlCharacterInTheTextfilePathIsRefusedAsTheControllerRefusesIt(String octal) throws Exception {
        Path root = tree();
        String textfile = "/var/lib/node/" + octal + "jts_storage.prom";
        Process p = new ProcessBuilder(List.of("sh", "-c", "p=$(printf \"$2\"); exec sh -c \"$1\" jts-fleet 0.000 \"$p\" \"$3\"",
                "outer", HostReads.checkScript(), textfile, root.toString())).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished in 30 s").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(p.getInputStream().readAllBytes()).as("nothing read").isEmpty();
        assertThat(err).startsWith("check-read: textfile path \"/var/lib/node/")
                .endsWith("jts_storage.prom\" must be absolute, without .. or control characters\n");
        String decoded = textfile.replace("\\001", "\u0001").replace("\\011", "\t").replace("\\177", "\u007f")
                .replace("\\302\\205", "\u0085").replace("\\302\\237", "\u009f");
        assertThatThrownBy(() -> HostReads.checkArgs(Duration.ZERO, decoded)).as("the controller's rule")
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Non-ASCII that is no control character (é, U+00A0) is a path like any other, on both sides. */
    @ParameterizedTest
    @ValueSource(strings = {"\\303\\251t\\303\\251", "a\\302\\240b"})
    void otherNonAsciiIsNoControlCharacter(String octal) throws Exception {
        Path root = tree();
        Process p = new ProcessBuilder(List.of("sh", "-c", "p=$(printf \"$2\"); printf 'jts_metrics_blackout 1\\n' "
                + ">\"$3/var/lib/node/$p.prom\"; exec sh -c \"$1\" jts-fleet 0.000 \"/var/lib/node/$p.prom\" \"$3\"",
                "outer", HostReads.checkScript(), octal, root.toString())).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished in 30 s").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(HostReads.parseCheck("box", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .textfile()).isEqualTo("jts_metrics_blackout 1\n");
        String decoded = octal.replace("\\303\\251", "\u00e9").replace("\\302\\240", "\u00a0");
        assertThat(HostReads.checkArgs(Duration.ZERO, "/var/lib/node/" + decoded + ".prom")).hasSize(2);
    }
}
