package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.inventory.HostSpec;

class ConnectionPoolTest {
    private final List<FakeTransport> created = new ArrayList<>();
    private final AtomicInteger creations = new AtomicInteger();

    private ConnectionPool pool() {
        return new ConnectionPool(SshOptions.defaults(), (host, options) -> {
            creations.incrementAndGet();
            FakeTransport transport = FakeTransport.answering(host.name(), "");
            synchronized (created) {
                created.add(transport);
            }
            return transport;
        });
    }

    private static HostSpec host(String name, int port) {
        return new HostSpec(name, HostSpec.Connection.SSH, "127.0.0.1", port, "jts", Optional.empty(), Optional.empty(),
                HostSpec.Become.NONE, List.of(), Optional.empty(), SshdFixture.emptyPolicy());
    }

    @Test
    void reusesOneTransportPerHostAndClosesAll() {
        try (ConnectionPool pool = pool()) {
            Transport first = pool.get(host("db-01", 22));
            assertThat(pool.get(host("db-01", 22))).isSameAs(first);
            assertThat(pool.get(host("db-02", 22))).isNotSameAs(first);
            assertThat(pool.hostNames()).containsExactlyInAnyOrder("db-01", "db-02");
        }
        assertThat(created).hasSize(2).allSatisfy(t -> assertThat(t.isClosed()).isTrue());
    }

    @Test
    void otherConnectSettingsReplaceOnlyATransportThatHasNotConnected() {
        List<Scripted> made = new ArrayList<>();
        try (ConnectionPool pool = new ConnectionPool(SshOptions.defaults(), (host, options) -> {
            Scripted t = new Scripted(options, false, new CountDownLatch(0), new java.util.concurrent.atomic.AtomicBoolean());
            made.add(t);
            return t;
        })) {
            SshOptions acceptNew = SshOptions.defaults().withAcceptNewHostKeys(true);
            Transport strict = pool.get(host("db-01", 22));
            Transport relaxed = pool.get(host("db-01", 22), acceptNew);
            assertThat(relaxed).as("not connected yet: the command's settings apply").isNotSameAs(strict);
            assertThat(((Scripted) relaxed).options().acceptNewHostKeys()).isTrue();
            assertThat(made.get(0).closed().get()).isTrue();
            assertThat(pool.get(host("db-01", 22), acceptNew)).isSameAs(relaxed);
        }
        try (ConnectionPool pool = pool()) {
            Transport connected = pool.get(host("db-02", 22));
            assertThat(pool.get(host("db-02", 22), SshOptions.defaults().withAcceptNewHostKeys(true)))
                    .as("a connected transport is kept whatever the settings").isSameAs(connected);
        }
    }

    @Test
    void closeReturnsWhileATransportWillNotClose() {
        CountDownLatch never = new CountDownLatch(1);
        ConnectionPool stuck = new ConnectionPool(SshOptions.defaults(), (host, options) -> new Scripted(options, true,
                never, new java.util.concurrent.atomic.AtomicBoolean()));
        stuck.get(host("db-01", 22));
        stuck.get(host("db-02", 22));
        long started = System.nanoTime();
        stuck.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        never.countDown();
        assertThat(millis).as("close() waited for a transport that would not close")
                .isLessThan(ConnectionPool.CLOSE_WAIT.toMillis() * 10);
    }

    /**
     * A transport whose connection state is given and whose close() waits for {@code closeRelease} (sshj behind
     * a peer that stopped reading), then sets {@code closed}.
     */
    private record Scripted(SshOptions options, boolean connected, CountDownLatch closeRelease,
                            java.util.concurrent.atomic.AtomicBoolean closed) implements Transport {
        @Override
        public ExecResult exec(String script, List<String> args, byte[] stdin, java.time.Duration timeout,
                boolean become) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String hostName() {
            return "scripted";
        }

        @Override
        public java.time.Duration lastLatency() {
            return java.time.Duration.ZERO;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void close() {
            try {
                closeRelease.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed.set(true);
        }
    }

    @Test
    void changedSettingsReplaceAndCloseTheOldTransport() {
        try (ConnectionPool pool = pool()) {
            Transport old = pool.get(host("db-01", 22));
            Transport fresh = pool.get(host("db-01", 2222));
            assertThat(fresh).isNotSameAs(old);
            assertThat(((FakeTransport) old).isClosed()).isTrue();
            assertThat(((FakeTransport) fresh).isClosed()).isFalse();
        }
    }

    @Test
    void concurrentCallersGetTheSameTransport() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (ConnectionPool pool = pool()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Transport>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(threads.submit(() -> {
                    go.await();
                    return pool.get(host("db-01", 22));
                }));
            }
            go.countDown();
            var distinct = ConcurrentHashMap.<Transport>newKeySet();
            for (Future<Transport> future : got) {
                distinct.add(future.get(10, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(creations.get()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void closedPoolRefusesNewWork() {
        ConnectionPool pool = pool();
        pool.close();
        assertThatThrownBy(() -> pool.get(host("db-01", 22))).hasMessage("connection pool is closed");
    }

    @Test
    void transportsFollowTheConnectionKind() {
        HostSpec local = new HostSpec("local", HostSpec.Connection.LOCAL, "localhost", 22, "root", Optional.empty(),
                Optional.empty(), HostSpec.Become.NONE, List.of(), Optional.empty(), SshdFixture.emptyPolicy());
        try (Transport transport = Transports.open(local, SshOptions.defaults())) {
            assertThat(transport).isInstanceOf(LocalTransport.class);
        }
        try (Transport transport = Transports.open(host("db-01", 22), SshOptions.defaults())) {
            assertThat(transport).isInstanceOf(SshTransport.class);
            assertThat(transport.isConnected()).isFalse();
        }
    }
}
