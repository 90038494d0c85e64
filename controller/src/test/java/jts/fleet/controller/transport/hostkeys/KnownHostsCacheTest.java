package jts.fleet.controller.transport.hostkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Test
    void connectionsAskingAtOnceShareOneRead() throws Exception {
        Path file = Files.writeString(temp.resolve("known_hosts"), "# empty\n");
        AtomicInteger reads = new AtomicInteger();
        KnownHostsCache cache = new KnownHostsCache((recordFile, others) -> {
            reads.incrementAndGet();
            try {
                Thread.sleep(200); // the others arrive meanwhile: without sharing, each would read too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return KnownHosts.read(recordFile, others);
        });
        int connections = 16;
        CyclicBarrier start = new CyclicBarrier(connections);
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            List<Future<KnownHosts>> got = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                got.add(threads.submit(() -> {
                    start.await();
                    return cache.get(file, List.of());
                }));
            }
            KnownHosts first = got.get(0).get();
            for (Future<KnownHosts> each : got) {
                assertThat(each.get()).isSameAs(first);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(reads).as("one read for all").hasValue(1);
    }

    @Test
    void aFileThatCannotBeReadIsReportedToEveryCallerAndNotCached() throws Exception {
        Path file = Files.writeString(temp.resolve("known_hosts"), "# empty\n");
        AtomicInteger reads = new AtomicInteger();
        KnownHostsCache cache = new KnownHostsCache((recordFile, others) -> {
            if (reads.incrementAndGet() == 1) {
                throw new IOException(recordFile + ": Permission denied");
            }
            return KnownHosts.read(recordFile, others);
        });
        assertThatThrownBy(() -> cache.get(file, List.of())).isInstanceOf(IOException.class)
                .hasMessage(file + ": Permission denied");
        assertThat(cache.get(file, List.of()).entries()).isEmpty();
        assertThat(reads).hasValue(2);
    }
}
