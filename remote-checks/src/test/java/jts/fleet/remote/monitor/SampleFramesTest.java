package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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

import jts.fleet.remote.stats.DiskStatsException;

/** The watch sampler's frames: the parser on strings, and the shipped watch-stream.sh run by sh. */
class SampleFramesTest {
    private static final String DISKSTATS = "   8 0 sda 10 0 80 5 0 0 0 0 0 5 5 0 0 0 0 0 0\n";

    private static List<SampleFrames.Frame> parse(String host, String text) throws DiskStatsException {
        SampleFrames frames = new SampleFrames(host);
        List<SampleFrames.Frame> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            frames.line(line).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void framesAfterALoginGreetingParseWithTheirNumbersAndClock() throws Exception {
        List<SampleFrames.Frame> frames = parse("db-01", "Welcome to db-01\n"
                + "@@jts-sample 0\n100.25 7.00\n" + DISKSTATS + "@@jts-end 0\n"
                + "@@jts-sample 3\n101.25 7.00\n" + DISKSTATS + "@@jts-end 3\n");
        assertThat(frames).extracting(SampleFrames.Frame::seq).containsExactly(0L, 3L);
        assertThat(frames.get(1).sample().uptimeSeconds()).isEqualTo(101.25);
        assertThat(frames.get(1).sample().devices()).containsKey("sda");
    }

    @Test
    void brokenFramesNameTheHostAndTheFrame() {
        assertThatThrownBy(() -> parse("db-01", "@@jts-sample 0\n100.25 7.00\n@@jts-sample 1\n"))
                .isInstanceOf(DiskStatsException.class).hasMessage("db-01: sampler frame 0 is truncated (a new frame began)");
        assertThatThrownBy(() -> parse("db-01", "@@jts-sample 0\n100.25 7.00\n@@jts-end 1\n"))
                .hasMessage("db-01: sampler frame 0 ended as frame 1");
        assertThatThrownBy(() -> parse("db-01", "@@jts-sample 0\n100.25 7.00\n@@jts-end 0\nstray\n"))
                .hasMessage("db-01: sampler output between frames after frame 0: \"stray\"");
        assertThatThrownBy(() -> parse("db-01", "@@jts-sample 2\n1.00 1.00\n@@jts-end 2\n@@jts-sample 2\n"))
                .hasMessage("db-01: sampler frame 2 after frame 2");
        assertThatThrownBy(() -> parse("db-01", "@@jts-sample x\n"))
                .hasMessage("db-01: sampler marker \"@@jts-sample x\" has no frame number");
        assertThatThrownBy(() -> parse("db-01", "@@jts-sample 0\nnot-a-clock\n@@jts-end 0\n"))
                .hasMessageStartingWith("db-01 (sampler frame 0): line 1: expected /proc/uptime");
    }

    @Test
    void aHostThatPrintsWithoutEndFailsTheStreamInsteadOfGrowingIt() throws Exception {
        String line = "x".repeat(1000);
        SampleFrames greeting = new SampleFrames("db-01");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 2000; i++) {
                greeting.line(line);
            }
        }).isInstanceOf(DiskStatsException.class)
                .hasMessage("db-01: over 1 MiB of output before the sampler's first frame (a login shell that prints"
                        + " without end?)");
        SampleFrames frame = new SampleFrames("db-01");
        frame.line("@@jts-sample 0");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 5000; i++) {
                frame.line(line);
            }
        }).isInstanceOf(DiskStatsException.class).hasMessage("db-01: sampler frame 0 is over 4 MiB");
    }

    @Test
    void theShippedSamplerStreamsFramesOnTheHostClockAndEndsAtItsLifetime(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/diskstats"), DISKSTATS);
        Process p = new ProcessBuilder("sh", "-c", HostReads.streamScript(), "watch-stream",
                "100", "1", root.toString()).redirectErrorStream(true).start();
        SampleFrames frames = new SampleFrames("local");
        List<SampleFrames.Frame> got = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Optional<SampleFrames.Frame> f = frames.line(line);
                f.ifPresent(got::add);
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ends by itself after its 1 s lifetime").isTrue();
        assertThat(p.exitValue()).isZero();
        // 100 ms for 1 s: about ten frames (fewer when the machine starves the script: it skips, never bunches)
        assertThat(got).hasSizeBetween(2, 11);
        for (int i = 1; i < got.size(); i++) {
            SampleFrames.Frame before = got.get(i - 1);
            SampleFrames.Frame after = got.get(i);
            assertThat(after.seq()).isGreaterThan(before.seq());
            assertThat(after.sample().uptimeSeconds()).isGreaterThan(before.sample().uptimeSeconds());
        }
        assertThat(got.get(0).sample().devices()).containsOnlyKeys("sda");
    }

    @Test
    void theSamplerIsShellcheckClean(@TempDir Path dir) throws Exception {
        Path shellcheck = jts.fleet.remote.testing.Environment.requireTool("shellcheck");
        Path script = Files.writeString(dir.resolve("watch-stream.sh"), HostReads.streamScript());
        Process p = new ProcessBuilder(shellcheck.toString(), "-s", "sh", script.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void theSamplerRefusesBadArguments() throws Exception {
        for (List<String> args : List.of(List.of("50", "10"), List.of("1000", "0"), List.of("1000", "10", "rel/path"),
                List.of("1000", "10", "/a/../b"), List.of("x", "10"))) {
            List<String> argv = new ArrayList<>(List.of("sh", "-c", HostReads.streamScript(), "watch-stream"));
            argv.addAll(args);
            Process p = new ProcessBuilder(argv).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(args + ": " + err).isEqualTo(2);
            assertThat(err).as(args.toString()).startsWith("watch-stream: ");
        }
        assertThatThrownBy(() -> HostReads.streamArgs(Duration.ofMillis(50), Duration.ofSeconds(5), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HostReads.streamArgs(Duration.ofMillis(1500), Duration.ofMinutes(2), Optional.of("/srv/fixture")))
                .containsExactly("1500", "120", "/srv/fixture");
    }
}
