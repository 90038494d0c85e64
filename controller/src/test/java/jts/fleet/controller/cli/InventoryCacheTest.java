package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;

class InventoryCacheTest {
    @TempDir
    Path dir;

    /**
     * A fixed environment, but with this process's uid: ssh_config files the test writes belong to whoever runs
     * it, and the permission check accepts only root's or the user's own (the fixed environment says uid 0).
     */
    private InventoryLoader loader() {
        var env = new jts.fleet.inventory.sshconfig.SshEnvironment(dir.resolve("home"), "tester",
                jts.fleet.inventory.sshconfig.SshEnvironment.system().uid(), "localhost", java.util.Map.of());
        return new InventoryLoader(dir, dir.resolve("home"), "tester", dir.resolve("etc-inventory.yaml"),
                jts.fleet.inventory.SshConfigOptions.nothing(env));
    }

    /** As a command loads: the places looked up once, then the cache. */
    private static Inventory load(InventoryCache cache, InventoryLoader loader, Optional<Path> explicit)
            throws InventoryException {
        return cache.load(loader, explicit, loader.locate(explicit));
    }

    @Test
    void loadsWhatItsCallerLocatedWithoutLookingAgain() throws Exception {
        // ./inventory.yaml appears after the command looked: this command keeps what it found, the next one reads it
        Files.writeString(dir.resolve("inventory.yaml"), "hosts:\n  db-01: {address: 10.0.0.1}\n");
        assertThat(new InventoryCache().load(loader(), Optional.empty(), Optional.empty()).source())
                .as("located before the file appeared").isEqualTo(InventoryLoader.EMBEDDED);
        Inventory next = load(new InventoryCache(), loader(), Optional.empty());
        assertThat(next.source()).isEqualTo("inventory.yaml");
        assertThat(next.hosts()).containsOnlyKeys("db-01");
    }

    @Test
    void reusesTheInventoryUntilTheFileChanges() throws Exception {
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, "hosts:\n  db-01: {address: 10.0.0.1}\n");
        InventoryCache cache = new InventoryCache();
        Inventory first = load(cache, loader(), Optional.of(file));
        assertThat(load(cache, loader(), Optional.of(file))).as("unchanged file").isSameAs(first);

        Files.writeString(file, "hosts:\n  db-01: {address: 10.0.0.1}\n  db-02: {address: 10.0.0.2}\n");
        Inventory edited = load(cache, loader(), Optional.of(file));
        assertThat(edited.hosts()).containsKeys("db-01", "db-02");

        // same size, only the modification time differs: still read again
        String sameSize = "hosts:\n  db-01: {address: 10.0.0.1}\n  db-03: {address: 10.0.0.3}\n";
        Files.writeString(file, sameSize);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertThat(load(cache, loader(), Optional.of(file)).hosts()).containsKeys("db-01", "db-03")
                .doesNotContainKey("db-02");

        // same size and the old modification time put back (cp -p, rsync -t): the change time still moves
        FileTime modified = Files.getLastModifiedTime(file);
        Thread.sleep(20);
        Files.writeString(file, "hosts:\n  db-01: {address: 10.0.0.1}\n  db-04: {address: 10.0.0.4}\n");
        Files.setLastModifiedTime(file, modified);
        assertThat(load(cache, loader(), Optional.of(file)).hosts()).containsKey("db-04").doesNotContainKey("db-03");
    }

    @Test
    void aBrokenEditIsReportedNotHiddenByTheCache() throws Exception {
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, "hosts:\n  db-01: {address: 10.0.0.1}\n");
        InventoryCache cache = new InventoryCache();
        load(cache, loader(), Optional.of(file));
        Files.writeString(file, "hosts:\n  db-01: {address: 10.0.0.1, colour: blue}\n");
        assertThatThrownBy(() -> load(cache, loader(), Optional.of(file))).isInstanceOf(InventoryException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void anotherFileIsAnotherEntry() throws Exception {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.writeString(a, "hosts:\n  db-01: {address: 10.0.0.1}\n");
        Files.writeString(b, "hosts:\n  app-01: {address: 10.0.1.1}\n");
        InventoryCache cache = new InventoryCache();
        assertThat(load(cache, loader(), Optional.of(a)).hosts()).containsKey("db-01");
        assertThat(load(cache, loader(), Optional.of(b)).hosts()).containsOnlyKeys("app-01");
    }

    @Test
    void anEditOfTheSshConfigTheInventoryNamesIsSeenByTheNextCommand() throws Exception {
        Path config = dir.resolve("ssh_config");
        Path included = dir.resolve("conf.d");
        Files.createDirectories(included);
        sshFile(config, "Include " + included + "/*.conf\nHost db-01\n  Port 2201\n");
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, "defaults: {ssh_config: " + config + "}\nhosts:\n  db-01: {}\n");
        InventoryCache cache = new InventoryCache();
        Inventory first = load(cache, loader(), Optional.of(file));
        assertThat(first.host("db-01").orElseThrow().port()).isEqualTo(2201);
        assertThat(load(cache, loader(), Optional.of(file))).as("nothing changed").isSameAs(first);

        sshFile(config, "Include " + included + "/*.conf\nHost db-01\n  Port 2202\n");
        Inventory edited = load(cache, loader(), Optional.of(file));
        assertThat(edited.host("db-01").orElseThrow().port()).isEqualTo(2202);

        // a new file matching the Include glob: the directory's stamp moves
        sshFile(included.resolve("00-first.conf"), "Host db-01\n  Port 2203\n");
        assertThat(load(cache, loader(), Optional.of(file)).host("db-01").orElseThrow().port()).isEqualTo(2203);
    }

    /**
     * An ssh_config file as ssh accepts it (0644, not group-writable): the permission check would refuse a file
     * written under a user's umask 002, as Debian gives non-root users.
     */
    private static void sshFile(Path path, String text) throws java.io.IOException {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void anotherSshConfigChoiceIsAnotherEntry() throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host db-01\n  Port 2201\n");
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, "hosts:\n  db-01: {}\n");
        InventoryCache cache = new InventoryCache();
        assertThat(load(cache, loader(), Optional.of(file)).host("db-01").orElseThrow().port()).isEqualTo(22);
        assertThat(load(cache, loader().withSshConfigOverride(config.toString()), Optional.of(file))
                .host("db-01").orElseThrow().port()).isEqualTo(2201);
    }

    @Test
    void anEditOfAnAnsibleGroupVarsFileIsSeenByTheNextCommand() throws Exception {
        Path hosts = dir.resolve("ansible/hosts");
        Files.createDirectories(hosts.getParent());
        Files.writeString(hosts, "[db]\ndb-01\n");
        Optional<Path> spec = Optional.of(Path.of("ansible:" + hosts));
        InventoryCache cache = new InventoryCache();
        Inventory first = load(cache, loader(), spec);
        assertThat(first.host("db-01").orElseThrow().port()).isEqualTo(22);
        assertThat(load(cache, loader(), spec)).as("nothing changed").isSameAs(first);

        // group_vars/ did not exist: creating it and a file in it is seen
        Files.createDirectories(hosts.getParent().resolve("group_vars"));
        Files.writeString(hosts.getParent().resolve("group_vars/db.yml"), "ansible_port: 2201\n");
        assertThat(load(cache, loader(), spec).host("db-01").orElseThrow().port()).isEqualTo(2201);
        Files.writeString(hosts.getParent().resolve("group_vars/db.yml"), "ansible_port: 2202\n");
        assertThat(load(cache, loader(), spec).host("db-01").orElseThrow().port()).isEqualTo(2202);
    }
}
