package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.inventory.InventoryLoader;
import jts.fleet.remote.testing.Environment;

/**
 * What a one-shot local {@code status} (the embedded inventory: this machine, no SSH) leaves unloaded, in a child
 * JVM that logs every class it loads: each class costs a cold JVM ~50-100 µs even from the class-data archive, and
 * these groups cost milliseconds (scripts/bench/startup.sh measures the whole). No timing is asserted here.
 */
class LocalStatusLoadsTest {
    @TempDir
    Path dir;

    @Test
    void aLocalTextStatusStartsNoSshNoCryptoNoJsonNoJlineAndNoSystemTimeZone() throws Exception {
        Environment.require(!Files.exists(InventoryLoader.SYSTEM_INVENTORY),
                "no " + InventoryLoader.SYSTEM_INVENTORY + " (it would replace the embedded inventory)");
        Path log = dir.resolve("classes.log");
        try (CliProcess cli = CliProcess.start(dir, Optional.empty(),
                List.of("-Xlog:class+load=info:file=" + log + ":none"), "status")) {
            assertThat(cli.awaitExit(Duration.ofSeconds(60))).as(cli.toString()).isPresent();
            assertThat(cli.out()).as(cli.toString()).contains("local");
        }
        List<String> loaded = Files.readAllLines(log).stream().map(line -> line.split(" ")[0]).toList();
        assertThat(loaded).as("the log holds the classes of the run").contains(
                "jts.fleet.controller.cli.status.StatusTextView", "jts.fleet.inventory.BlackoutWindow");
        assertThat(loaded).as("SSH: only a file inventory can name SSH hosts")
                .noneMatch(name -> name.startsWith("net.schmizz.") || name.startsWith("org.bouncycastle."));
        assertThat(loaded).as("the JDK's security providers: the policy fingerprint is computed only when shown")
                .noneMatch(name -> name.startsWith("sun.security.jca.") || name.startsWith("sun.security.provider."));
        assertThat(loaded).as("Jackson's mapper: a text status writes no JSON")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper");
        assertThat(loaded).as("NIO file channels: the few files a local status reads are read as streams")
                .doesNotContain("sun.nio.ch.FileChannelImpl");
        assertThat(loaded).as("JLine: the tables of a run without colour are plain ASCII (TextTable)")
                .noneMatch(name -> name.startsWith("org.jline."));
        assertThat(loaded).as("the system time zone: a status shows no local time (LocalClock)")
                .doesNotContain("sun.util.calendar.ZoneInfoFile");
    }
}
