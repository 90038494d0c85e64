package jts.fleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;

/** Wrappers pass every call on, the output cap of a benchmark's exec included. */
class ForwardingTransportTest {
    /** Records which exec was called and with which cap. */
    private static final class Recording implements Transport {
        final List<String> calls = new ArrayList<>();

        @Override
        public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become) {
            calls.add("exec " + script + " become=" + become);
            return new ExecResult(0, "out".getBytes(StandardCharsets.UTF_8), "", Duration.ofMillis(1));
        }

        @Override
        public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
                long outputLimit) {
            calls.add("exec " + script + " become=" + become + " limit=" + outputLimit);
            return new ExecResult(0, "out".getBytes(StandardCharsets.UTF_8), "", Duration.ofMillis(1));
        }

        @Override
        public String hostName() {
            return "db-01";
        }

        @Override
        public Duration lastLatency() {
            return Duration.ofMillis(7);
        }

        @Override
        public boolean isConnected() {
            calls.add("isConnected");
            return true;
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void everyCallReachesTheDelegateWithItsOutputCap() throws TransportException {
        Recording delegate = new Recording();
        Transport forwarding = new ForwardingTransport(delegate) {
        };
        forwarding.exec("a", List.of(), new byte[0], Duration.ofSeconds(1), true);
        forwarding.exec("b", List.of(), new byte[0], Duration.ofSeconds(1), false, 64L << 20);
        assertThat(forwarding.isConnected()).isTrue();
        assertThat(forwarding.hostName()).isEqualTo("db-01");
        assertThat(forwarding.lastLatency()).isEqualTo(Duration.ofMillis(7));
        forwarding.close();
        assertThat(delegate.calls).containsExactly("exec a become=true", "exec b become=false limit=67108864",
                "isConnected", "close");
    }

    @Test
    void theEngineLogKeepsABenchmarksOutputCap() throws TransportException {
        // it used to drop the cap (the interface's default exec without one): with -v, bench.sh's documents
        // were held to the read cap instead of --max-document
        Recording delegate = new Recording();
        ExecResult r = new LoggedTransport(delegate).exec("# jts-fleet bench.sh\n", List.of(), new byte[0],
                Duration.ofSeconds(1), true, 64L << 20);
        assertThat(r.stdoutText()).isEqualTo("out");
        assertThat(delegate.calls).containsExactly("exec # jts-fleet bench.sh\n become=true limit=67108864");
    }
}
