package jts.fleet.controller.transport.hostkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.testing.SshKeygen;
import jts.fleet.remote.testing.Environment;

/** known_hosts files are parsed once per run, and again when accept-new (or anyone) changed one of them. */
class KnownHostsCacheTest {
    @TempDir
    Path temp;

    @Test
    void anUnchangedFileIsNotReadAgainAndAChangedOneIs() throws Exception {
        Environment.requireTool("ssh-keygen");
        String key = Files.readString(Path.of(SshKeygen.generate(temp.resolve("k"), "ed25519", "") + ".pub")).trim();
        Path file = Files.writeString(temp.resolve("known_hosts"), "db-01 " + key + "\n");
        Path global = temp.resolve("ssh_known_hosts");
        KnownHostsCache cache = new KnownHostsCache();
        KnownHosts first = cache.get(file, List.of(global));
        assertThat(cache.get(file, List.of(global))).isSameAs(first);
        KnownHostsWriter.append(file, "db-02 " + key);
        KnownHosts second = cache.get(file, List.of(global));
        assertThat(second).isNotSameAs(first);
        assertThat(second.entries()).hasSize(2);
        Files.writeString(global, "@revoked * " + key + "\n");
        assertThat(cache.get(file, List.of(global)).entries()).hasSize(3);
        assertThat(cache.get(file, List.of()).entries()).as("another list of files is another entry").hasSize(2);
    }
}
