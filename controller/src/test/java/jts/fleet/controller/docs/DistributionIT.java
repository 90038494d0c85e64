package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.Environment;

/**
 * {@code make dist} for real: packaging/build-dist.sh on the jar this build just shaded (failsafe runs after
 * {@code package}), then the unpacked tarball's own launcher, man pages and completion. The .deb is checked by
 * packaging/ci-deb.sh in CI (it needs dpkg -i on the machine, which a test should not do).
 */
class DistributionIT {
    @TempDir
    Path dir;

    /** The shaded jar of this build, next to test-classes in whatever build directory is in use. */
    private static Path shadedJar() throws URISyntaxException {
        Path testClasses = Path.of(DistributionIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return testClasses.getParent().resolve("jts-fleet-all.jar");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path workDir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("JTS_FLEET_JAR");
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out:\n" + out);
        }
        return new Run(p.exitValue(), out);
    }

    @Test
    void tarballHasLauncherJarManPagesCompletionAndRunsFromWhereverItIsUnpacked() throws Exception {
        Environment.requireTool("asciidoctor");
        Path jar = shadedJar();
        Environment.require(Files.isRegularFile(jar), "shaded jar " + jar + " (run through mvn verify, after package)");
        Path top = Path.of("..").toAbsolutePath().normalize();
        Path out = dir.resolve("dist");
        Run build = run(top, Map.of("JTS_FLEET_JAR", jar.toString(), "DIST_DIR", out.toString(),
                "SOURCE_DATE_EPOCH", "1700000000"), "sh", "packaging/build-dist.sh");
        assertThat(build.exit()).as(build.output()).isZero();
        Path tarball = Path.of(build.output().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(tarball.getFileName().toString()).matches("jts-fleet-[0-9][A-Za-z0-9.+~-]*\\.tar\\.gz");

        Path unpacked = dir.resolve("elsewhere");
        Files.createDirectories(unpacked);
        assertThat(run(unpacked, Map.of(), "tar", "xzf", tarball.toString()).exit()).isZero();
        Path root;
        try (Stream<Path> entries = Files.list(unpacked)) {
            root = entries.findFirst().orElseThrow();
        }
        List<String> manPages = new ArrayList<>();
        try (Stream<Path> pages = Files.list(root.resolve("share/man/man1"))) {
            pages.forEach(p -> manPages.add(p.getFileName().toString()));
        }
        List<String> expected = new ArrayList<>();
        try (Stream<Path> adoc = Files.list(ManPagesTest.MAN_DIR)) {
            adoc.forEach(p -> expected.add(p.getFileName().toString().replace(".adoc", ".1")));
        }
        assertThat(manPages).as("one troff page per committed AsciiDoc page").containsExactlyInAnyOrderElementsOf(expected);
        String statusPage = Files.readString(root.resolve("share/man/man1/jts-fleet-status.1"));
        assertThat(statusPage).startsWith("'\\\" t").contains(".TH \"JTS\\-FLEET\\-STATUS\" \"1\"").contains("\\-\\-inventory");
        assertThat(root.resolve("share/bash-completion/completions/jts-fleet")).content()
                .contains("complete -F _complete_jts-fleet").contains("complete -F _jts_fleet_complete jts-fleet");
        assertThat(root.resolve("share/zsh/vendor-completions/_jts-fleet")).content().startsWith("#compdef jts-fleet\n")
                .contains("bashcompinit");
        assertThat(root.resolve("etc/jts-fleet/inventory.yaml.example")).exists();
        assertThat(root.resolve("share/jts-fleet/scripts/storage-status.sh")).isExecutable();
        assertThat(root.resolve("share/doc/jts-fleet/TROUBLESHOOTING.md")).exists();

        // the unpacked launcher must find its own jar, from any working directory, without JTS_FLEET_JAR
        Run version = run(dir, Map.of(), root.resolve("bin/jts-fleet").toString(), "--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("jts-fleet ");
        assertThat(tarball.getFileName().toString()).contains(version.output().lines().findFirst().orElseThrow()
                .substring("jts-fleet ".length()));

        // reproducible: the same inputs give the same bytes
        Run again = run(top, Map.of("JTS_FLEET_JAR", jar.toString(), "DIST_DIR", dir.resolve("again").toString(),
                "SOURCE_DATE_EPOCH", "1700000000"), "sh", "packaging/build-dist.sh");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(Files.mismatch(tarball, dir.resolve("again").resolve(tarball.getFileName()))).as("byte difference at")
                .isEqualTo(-1L);
    }
}
