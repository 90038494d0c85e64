package jts.fleet.controller.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jts.fleet.controller.testing.OverlayNamespace;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;

/**
 * Runs scripts on this machine as root inside a private mount namespace where /etc, /usr/local and /var/lib are
 * overlays whose upper layers live under {@code root}: installers write their real, fixed paths and this
 * machine's files stay untouched. State persists across execs (same upper dirs). Test-only.
 */
final class OverlayTransport implements Transport {
    private final String host;
    private final Path root;

    OverlayTransport(String host, Path root) {
        this.host = host;
        this.root = OverlayNamespace.requireUnderTmp(root);
    }

    /** Where a path written inside the namespace lands on this machine. */
    Path upper(String absolutePath) {
        return OverlayNamespace.upper(root, absolutePath);
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "jts-fleet"));
        command.addAll(args);
        List<String> argv = OverlayNamespace.command(root, command);
        long started = System.nanoTime();
        try {
            Process p = new ProcessBuilder(argv).start();
            p.getOutputStream().write(stdin);
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TransportException(FailureClass.TIMEOUT, host + ": timed out");
            }
            return new ExecResult(p.exitValue(), out, err, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new TransportException(FailureClass.COMMAND, host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(FailureClass.TIMEOUT, host + ": interrupted", e);
        }
    }

    @Override
    public String hostName() {
        return host;
    }

    @Override
    public Duration lastLatency() {
        return Duration.ZERO;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public void close() {
    }
}
