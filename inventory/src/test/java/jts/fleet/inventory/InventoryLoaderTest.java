package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.source.InventoryText;

class InventoryLoaderTest {

    @Test
    void issue2SampleLoadsWithResolvedHosts() throws InventoryException {
        Inventory inv = TestInventories.load("issue-2-sample.yaml");

        assertThat(inv.source()).isEqualTo("issue-2-sample.yaml");
        assertThat(inv.hostNames()).containsExactly("db-01", "db-02", "local");
        assertThat(inv.groups()).containsExactly(Map.entry("prod", java.util.List.of("db-01", "db-02")));

        HostSpec db02 = inv.host("db-02").orElseThrow();
        assertThat(db02).isEqualTo(new HostSpec("db-02", HostSpec.Connection.SSH, "10.1.0.12", 2222, "jts",
                Optional.of(Path.of("/home/tester/.ssh/id_ed25519")),
                Optional.of(Path.of("/home/tester/.ssh/known_hosts")),
                HostSpec.Become.SUDO, java.util.List.of("prod"), Optional.empty(), db02.policy(),
                SshAccess.DEFAULT.withIdentityFiles(java.util.List.of(Path.of("/home/tester/.ssh/id_ed25519")))
                        .withOtherKnownHosts(java.util.List.of(Path.of("/etc/ssh/ssh_known_hosts"),
                                Path.of("/etc/ssh/ssh_known_hosts2")))));
        assertThat(inv.host("db-01").orElseThrow().port()).isEqualTo(22);

        HostSpec local = inv.host("local").orElseThrow();
        assertThat(local.connection()).isEqualTo(HostSpec.Connection.LOCAL);
        assertThat(local.address()).isEqualTo("localhost");

        Tier hot = inv.policy().tier("hot").orElseThrow();
        assertThat(hot.match()).isEqualTo(new TierMatch(Set.of(DeviceClass.NVME), java.util.List.of("nvme*"),
                java.util.List.of("/var/lib/postgresql", "/var/lib/kafka")));
        assertThat(hot.queue()).containsExactly(Map.entry(QueueAttribute.SCHEDULER, "none"),
                Map.entry(QueueAttribute.READ_AHEAD_KB, "128"));
        assertThat(hot.trim()).isTrue();
        assertThat(hot.canary()).isFalse();
        assertThat(hot.thresholds()).isEqualTo(InventorySchema.DEFAULT_THRESHOLDS);
        assertThat(inv.policy().maintenance()).isEqualTo(new Maintenance(java.util.List.of(new BlackoutWindow(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                LocalTime.of(7, 0), LocalTime.of(22, 30), ZoneId.of("America/New_York"))),
                "Sat *-*-* 03:00:00", InventorySchema.DEFAULT_HEALTH_POLL_MINUTES));
        // an empty group override leaves the base policy as it is
        assertThat(db02.policy()).isEqualTo(inv.policy());
        assertThat(inv.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(inv.defaults().commandTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void groupVarsApplyInGroupOrderAndHostKeysWin() throws InventoryException {
        Inventory inv = TestInventories.load("fleet.yaml");
        assertThat(inv.host("db-01").orElseThrow()).extracting(HostSpec::user, HostSpec::port, HostSpec::become)
                .containsExactly("jts", 22, HostSpec.Become.SUDO);
        // canary group vars
        assertThat(inv.host("db-03").orElseThrow().port()).isEqualTo(2022);
        // stage vars, then the host's own user
        assertThat(inv.host("stage-db-01").orElseThrow()).extracting(HostSpec::user, HostSpec::port, HostSpec::become)
                .containsExactly("deploy", 2222, HostSpec.Become.NONE);
        assertThat(inv.host("lab").orElseThrow()).extracting(HostSpec::user, HostSpec::port, HostSpec::address)
                .containsExactly("stager", 2200, "fe80::1%eth0");
        assertThat(inv.host("db-01").orElseThrow().knownHosts()).contains(Path.of("/home/tester/.ssh/known_hosts"));
        assertThat(inv.host("db-01").orElseThrow().identityFile()).isEmpty();
        assertThat(inv.allGroups()).containsExactly("prod", "hot", "canary", "stage");
    }

    @Test
    void groupPolicyOverridesMergeTiersByNameAndAppendNewOnes() throws InventoryException {
        Inventory inv = TestInventories.load("fleet.yaml");
        Policy base = inv.policy();
        Policy hot = inv.host("db-01").orElseThrow().policy();

        assertThat(base.tiers()).extracting(Tier::name).containsExactly("hot", "warm");
        assertThat(hot.tiers()).extracting(Tier::name).containsExactly("hot", "warm", "scratch");
        Tier hotTier = hot.tier("hot").orElseThrow();
        // queue merged key by key, written order kept, new keys last
        assertThat(hotTier.queue()).containsExactly(Map.entry(QueueAttribute.SCHEDULER, "none"),
                Map.entry(QueueAttribute.READ_AHEAD_KB, "256"), Map.entry(QueueAttribute.NR_REQUESTS, "1023"));
        // match, trim and canary untouched by an override that does not name them
        assertThat(hotTier.match()).isEqualTo(base.tier("hot").orElseThrow().match());
        assertThat(hotTier.trim()).isTrue();
        assertThat(hotTier.canary()).isTrue();
        // thresholds merged per key: warn overridden, crit kept from the base tier
        assertThat(hotTier.thresholds().readAwaitWarnMs()).isEqualTo(2);
        assertThat(hotTier.thresholds().readAwaitCritMs()).isEqualTo(5);
        assertThat(hot.tier("scratch").orElseThrow().match().devices()).containsExactly("zram*");
        assertThat(hot.maintenance()).isEqualTo(base.maintenance());

        // app-01 is only in prod: base policy
        assertThat(inv.host("app-01").orElseThrow().policy()).isEqualTo(base);

        // db-03 is also in canary: maintenance keys replaced one by one
        Maintenance m = inv.host("db-03").orElseThrow().policy().maintenance();
        assertThat(m.healthPollMinutes()).isEqualTo(5);
        assertThat(m.trimSchedule()).isEqualTo("Sat *-*-* 03:00:00");
        assertThat(m.blackout()).isEqualTo(base.maintenance().blackout());
    }

    @Test
    void hostPolicyOverrideComesAfterGroupsAndMatchIsReplacedWhole() throws InventoryException {
        String yaml = """
                hosts:
                  db-01:
                    address: db-01.example
                    groups: [g]
                    policy:
                      tiers:
                        - name: hot
                          match: {mounts: [/srv/pg]}
                          queue: {read_ahead_kb: 64}
                groups:
                  g:
                    policy:
                      tiers:
                        - {name: hot, queue: {read_ahead_kb: 512, nomerges: 1}}
                policy:
                  tiers:
                    - {name: hot, match: {classes: [nvme]}, queue: {scheduler: none}}
                """;
        Policy p = TestInventories.loader().loadFromString(yaml, "x.yaml").host("db-01").orElseThrow().policy();
        Tier hot = p.tier("hot").orElseThrow();
        assertThat(hot.queue()).containsExactly(Map.entry(QueueAttribute.SCHEDULER, "none"),
                Map.entry(QueueAttribute.READ_AHEAD_KB, "64"), Map.entry(QueueAttribute.NOMERGES, "1"));
        assertThat(hot.match()).isEqualTo(new TierMatch(Set.of(), java.util.List.of(), java.util.List.of("/srv/pg")));
    }

    @Test
    void emptyValuesInAnOverrideChangeNothingButAnEmptyListEmpties() throws InventoryException {
        String yaml = """
                hosts:
                  a: {address: a, policy: {tiers: , maintenance: {blackout: []}}}
                """;
        Inventory inv = TestInventories.loader().loadFromString(yaml, "x.yaml");
        Policy p = inv.host("a").orElseThrow().policy();
        assertThat(p.tiers()).isEqualTo(inv.policy().tiers());
        assertThat(p.maintenance().trimSchedule()).isEqualTo("Sat *-*-* 03:00:00 America/New_York");
        assertThat(p.maintenance().blackout()).isEmpty();
        // a scalar without a value is an error, not "unset": there is nothing to fall back to silently
        assertThatThrownBy(() -> TestInventories.loader().loadFromString(
                "hosts: {a: {address: a, policy: {maintenance: {trim_schedule: }}}}\n", "x.yaml"))
                .hasMessage("x.yaml:1: hosts.a.policy.maintenance.trim_schedule: expected a calendar expression, got nothing");
        assertThat(inv.policy().maintenance().blackout()).hasSize(1);
    }

    @Test
    void inventoryWithoutPolicyUsesTheEmbeddedJtsPolicy() throws InventoryException {
        Inventory inv = TestInventories.loader().loadFromString("hosts: {db-01: {address: 10.0.0.1}}\n", "x.yaml");
        assertThat(inv.policy()).isEqualTo(TestInventories.loader().defaultPolicy());
        assertThat(inv.policy().tiers()).extracting(Tier::name).containsExactly("hot", "warm", "cold");
    }

    @Test
    void overridesApplyToTheEmbeddedPolicyAndErrorsNameTheFileOfTheOverride() throws InventoryException {
        String ok = """
                hosts:
                  ch-01: {address: ch-01, groups: [clickhouse]}
                  pg-01: {address: pg-01}
                groups:
                  clickhouse:
                    policy:
                      tiers:
                        - {name: hot, queue: {read_ahead_kb: 1024}}
                """;
        Inventory inv = TestInventories.loader().loadFromString(ok, "ch.yaml");
        assertThat(inv.host("ch-01").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "1024").containsEntry(QueueAttribute.SCHEDULER, "none");
        assertThat(inv.host("pg-01").orElseThrow().policy().tier("hot").orElseThrow().queue())
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "128");

        String bad = """
                hosts:
                  ch-01:
                    address: ch-01
                    policy:
                      tiers:
                        - name: hot
                          thresholds:
                            read_await_ms: {warn: 9}
                """;
        // crit 5 comes from the embedded policy, warn 9 from this file: the message points at the file's line
        assertThatThrownBy(() -> TestInventories.loader().loadFromString(bad, "ch.yaml"))
                .hasMessage("ch.yaml:8: policy.tiers[hot].thresholds.read_await_ms: warn 9 is above crit 5");
    }

    @Test
    void embeddedDefaultPolicyEncodesTheJtsTiers() throws InventoryException {
        Policy p = TestInventories.loader().defaultPolicy();
        Tier hot = p.tier("hot").orElseThrow();
        assertThat(hot.match().classes()).containsExactly(DeviceClass.NVME);
        assertThat(hot.match().mounts()).containsExactly("/var/lib/postgresql", "/var/lib/clickhouse",
                "/var/lib/kafka", "/var/lib/mongodb", "/var/lib/redis", "/var/lib/docker-jts", "/data/local-backup");
        assertThat(hot.queue()).containsExactly(Map.entry(QueueAttribute.SCHEDULER, "none"),
                Map.entry(QueueAttribute.READ_AHEAD_KB, "128"), Map.entry(QueueAttribute.NOMERGES, "0"),
                Map.entry(QueueAttribute.RQ_AFFINITY, "2"), Map.entry(QueueAttribute.ADD_RANDOM, "0"));
        assertThat(hot.trim()).isTrue();
        assertThat(hot.canary()).isTrue();
        assertThat(hot.thresholds()).isEqualTo(new Thresholds(1, 5, 2, 10, 5, 20, 2, 10, 10, 80, 90));

        Tier warm = p.tier("warm").orElseThrow();
        assertThat(warm.match().classes()).containsExactlyInAnyOrder(DeviceClass.SSD, DeviceClass.HDD);
        assertThat(warm.match().mounts()).containsExactly("/data/warm-storage");
        assertThat(warm.queue()).containsEntry(QueueAttribute.SCHEDULER, "mq-deadline")
                .containsEntry(QueueAttribute.READ_AHEAD_KB, "1024");
        assertThat(warm.thresholds()).extracting(Thresholds::readAwaitWarnMs, Thresholds::readAwaitCritMs,
                Thresholds::writeAwaitWarnMs, Thresholds::writeAwaitCritMs, Thresholds::flushAwaitWarnMs,
                Thresholds::flushAwaitCritMs, Thresholds::trimOverdueDays).containsExactly(10.0, 50.0, 20.0, 100.0,
                50.0, 200.0, 10);

        Tier cold = p.tier("cold").orElseThrow();
        assertThat(cold.match().classes()).containsExactly(DeviceClass.NETWORK);
        assertThat(cold.match().mounts()).containsExactly("/mnt/synology");
        // network filesystems: only the backing device's read-ahead and dirty share apply
        assertThat(cold.queue()).containsOnlyKeys(QueueAttribute.READ_AHEAD_KB, QueueAttribute.MAX_RATIO);
        assertThat(cold.mountOptions()).extracting(MountOptionExpectation::text).containsExactly("hard", "nconnect>=4");
        assertThat(cold.trim()).isFalse();
        assertThat(cold.thresholds().readAwaitCritMs()).isEqualTo(200);

        // write_cache is never in the default: changing it risks data on power loss
        assertThat(p.tiers()).allSatisfy(t -> assertThat(t.queue()).doesNotContainKey(QueueAttribute.WRITE_CACHE));
        assertThat(p.maintenance().trimSchedule()).isEqualTo("Sat *-*-* 03:00:00 America/New_York");
        assertThat(p.maintenance().healthPollMinutes()).isEqualTo(10);
        assertThat(p.maintenance().blackout()).containsExactly(new BlackoutWindow(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                LocalTime.of(7, 0), LocalTime.of(22, 30), ZoneId.of("America/New_York")));
    }

    @Test
    void embeddedDefaultInventoryIsThisMachineThroughTheLocalTransport() throws InventoryException {
        Inventory inv = TestInventories.loader().loadDefault();
        assertThat(inv.source()).isEqualTo(InventoryLoader.EMBEDDED);
        assertThat(inv.hostNames()).containsExactly("local");
        HostSpec local = inv.host("local").orElseThrow();
        assertThat(local.connection()).isEqualTo(HostSpec.Connection.LOCAL);
        assertThat(local.become()).isEqualTo(HostSpec.Become.NONE);
        assertThat(local.user()).isEqualTo("tester");
        assertThat(local.policy()).isEqualTo(TestInventories.loader().defaultPolicy());
    }

    @Test
    void lookupOrderExplicitThenWorkingDirThenEtcThenEmbedded(@TempDir Path dir) throws Exception {
        InventoryLoader loader = TestInventories.loader(dir);
        Path etc = dir.resolve("etc/jts-fleet/inventory.yaml");
        Path explicit = dir.resolve("mine.yaml");
        write(explicit, "hosts: {from-explicit: {connection: local}}\n");

        assertThat(loader.load(Optional.empty()).hostNames()).containsExactly("local");
        assertThat(loader.locate(Optional.empty())).isEmpty();

        write(etc, "hosts: {from-etc: {connection: local}}\n");
        assertThat(loader.load(Optional.empty()).hostNames()).containsExactly("from-etc");
        assertThat(loader.load(Optional.empty()).source()).isEqualTo(etc.toString());

        write(dir.resolve("inventory.yaml"), "hosts: {from-cwd: {connection: local}}\n");
        assertThat(loader.load(Optional.empty()).hostNames()).containsExactly("from-cwd");
        assertThat(loader.load(Optional.empty()).source()).isEqualTo("inventory.yaml");

        assertThat(loader.load(Optional.of(Path.of("mine.yaml"))).hostNames()).containsExactly("from-explicit");
        assertThat(loader.load(Optional.of(explicit)).hostNames()).containsExactly("from-explicit");
    }

    @Test
    void explicitInventoryThatDoesNotExistIsAnErrorNotAFallback(@TempDir Path dir) throws IOException {
        write(dir.resolve("inventory.yaml"), "hosts: {x: {connection: local}}\n");
        assertThatThrownBy(() -> TestInventories.loader(dir).load(Optional.of(Path.of("missing.yaml"))))
                .isInstanceOf(InventoryException.class)
                .hasMessage("missing.yaml: inventory file not found (--inventory)");
    }

    @Test
    void aPolicyFileWithoutAnAnsibleInventoryIsRefusedOnBothLoadPathsBeforeAnyFileIsLookedFor(@TempDir Path dir)
            throws IOException {
        write(dir.resolve("inventory.yaml"), "hosts: {x: {connection: local}}\n");
        InventoryLoader loader = TestInventories.loader(dir).withPolicy(Path.of("jts-fleet.yaml"));
        String refusal = "--policy jts-fleet.yaml: applies to Ansible inventories (--inventory ansible:PATH); a "
                + "jts-fleet inventory holds its own policy";
        assertThatThrownBy(() -> loader.load(Optional.of(Path.of("missing.yaml")))).hasMessage(refusal);
        assertThatThrownBy(() -> loader.load(Optional.empty())).hasMessage(refusal);
        // the shell's path: the places were looked up already
        assertThatThrownBy(() -> loader.load(Optional.empty(), loader.locate(Optional.empty()))).hasMessage(refusal);
    }

    @Test
    void errorsInAFileNameTheFileAsGiven(@TempDir Path dir) throws IOException {
        write(dir.resolve("prod.yaml"), "hosts:\n  db-01:\n    address: 10.0.0.1\n    port: 70000\n");
        assertThatThrownBy(() -> TestInventories.loader(dir).load(Optional.of(Path.of("prod.yaml"))))
                .hasMessage("prod.yaml:4: hosts.db-01.port: 70000 is out of range 1..65535");
    }

    @Test
    void directoryAndNonUtf8FilesAreRefusedClearly(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("d.yaml"));
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'h', 'o', 's', 't', 's', ':', ' ', (byte) 0xe9, '\n'});
        InventoryLoader loader = TestInventories.loader(dir);
        assertThatThrownBy(() -> loader.load(Optional.of(Path.of("d.yaml"))))
                .hasMessage("d.yaml: is a directory, not an inventory file");
        assertThatThrownBy(() -> loader.load(Optional.of(Path.of("latin1.yaml"))))
                .hasMessage("latin1.yaml: not UTF-8 text");
    }

    @Test
    void timeoutsAndSysrootFromDefaults() throws InventoryException {
        Inventory inv = TestInventories.loader().loadFromString("""
                defaults: {connect_timeout: 2s, command_timeout: 1m30s, sysroot: /fixtures/nvme-db, become: sudo}
                hosts: {h: {address: h.example, identity_file: /keys/id_rsa, known_hosts: ~/kh}}
                """, "x.yaml");
        assertThat(inv.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(inv.defaults().commandTimeout()).isEqualTo(Duration.ofSeconds(90));
        HostSpec h = inv.host("h").orElseThrow();
        assertThat(h.sysroot()).contains("/fixtures/nvme-db");
        assertThat(h.identityFile()).contains(Path.of("/keys/id_rsa"));
        assertThat(h.knownHosts()).contains(Path.of("/home/tester/kh"));
        assertThat(h.become()).isEqualTo(HostSpec.Become.SUDO);
    }

    /**
     * A 60 MB inventory with one long string burned a core for more than ten minutes (the YAML library's time grows
     * with the square of a line's length): files are capped at 8 MiB and lines at 64 KiB, and within those bounds
     * the worst case loads in about a second here (asserted at 20x).
     */
    @Test
    void oversizedFilesAndLinesAreRefusedAtOnceAndTheWorstCaseInsideLoadsQuickly(@TempDir Path dir) throws Exception {
        InventoryLoader loader = TestInventories.loader(dir);
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, "hosts:\n  a: {address: \"" + "x".repeat(9 << 20) + "\"}\n");
        long started = System.nanoTime();
        assertThatThrownBy(() -> loader.load(Optional.of(Path.of("huge.yaml"))))
                .hasMessageStartingWith("huge.yaml: inventory file of 9216 KiB is larger than the 8 MiB an inventory"
                        + " may have");
        Path longLine = dir.resolve("long.yaml");
        Files.writeString(longLine, "hosts:\n  a: {address: 10.0.0.1}\npolicy:\n  tiers:\n    - name: hot\n"
                + "      match: {mounts: [/" + "x".repeat(4 << 20) + "]}\n");
        assertThatThrownBy(() -> loader.load(Optional.of(Path.of("long.yaml"))))
                .hasMessage("long.yaml:6: a line of 4194330 characters; no inventory value is longer than 65536: is"
                        + " it the right file?");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

        StringBuilder worst = new StringBuilder("hosts:\n  a: {address: 10.0.0.1}\npolicy:\n  tiers:\n    - name: hot\n"
                + "      match:\n        mounts:\n");
        String item = "          - /" + "x".repeat(InventoryText.MAX_LINE_CHARS - 20) + "\n";
        while (worst.length() + item.length() < InventoryText.MAX_BYTES - 100) {
            worst.append(item);
        }
        Files.writeString(dir.resolve("worst.yaml"), worst);
        started = System.nanoTime();
        Inventory inv = loader.load(Optional.of(Path.of("worst.yaml")));
        assertThat(inv.policy().tiers().get(0).match().mounts()).hasSizeGreaterThan(100);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    /** An error quotes a long value by its start and length, not whole: its line stays readable. */
    @Test
    void anErrorQuotesALongValueByItsStartAndLength(@TempDir Path dir) throws Exception {
        InventoryLoader loader = TestInventories.loader(dir);
        Files.writeString(dir.resolve("long.yaml"), "hosts:\n  a: {connection: local, groups: [\"" + "x".repeat(60_000)
                + "\"]}\n");
        assertThatThrownBy(() -> loader.load(Optional.of(Path.of("long.yaml"))))
                .hasMessageStartingWith("long.yaml:2: hosts.a.groups[0]: \"" + "x".repeat(60) + "\u2026\" (60000 characters)"
                        + " is not a valid name")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void runDeadlineAndOutputCapsFromDefaults() throws InventoryException {
        Inventory inv = TestInventories.loader().loadFromString("""
                defaults: {run_timeout: 5m, max_output: 512k, max_document_output: 16MiB}
                hosts: {h: {address: h.example}}
                """, "x.yaml");
        assertThat(inv.defaults().runTimeout()).contains(Duration.ofMinutes(5));
        assertThat(inv.defaults().maxOutput()).contains(512L * 1024);
        assertThat(inv.defaults().maxDocumentOutput()).contains(16L << 20);
        Inventory plain = TestInventories.loader().loadFromString("hosts: {h: {address: h.example}}\n", "y.yaml");
        assertThat(plain.defaults().runTimeout()).isEmpty();
        assertThat(plain.defaults().maxOutput()).isEmpty();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
