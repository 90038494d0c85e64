package jts.fleet.controller.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private static final String OUTER = "set -eu\n"
            + "R=$1; shift\n"
            + "case $R in /tmp/?*) ;; *) echo \"overlay root must be under /tmp: $R\" >&2; exit 99 ;; esac\n"
            + "for d in etc usr/local var/lib; do\n"
            + "  mkdir -p \"$R/up/$d\" \"$R/work/$d\"\n"
            + "  mount -t overlay overlay -o \"lowerdir=/$d,upperdir=$R/up/$d,workdir=$R/work/$d\" \"/$d\"\n"
            + "done\n"
            + "script=$1; shift\n"
            + "exec sh -c \"$script\" jts-fleet \"$@\"\n";

    private final String host;
    private final Path root;

    OverlayTransport(String host, Path root) {
        if (!root.isAbsolute() || !root.startsWith("/tmp/") || root.getNameCount() < 2) {
            throw new IllegalArgumentException("overlay root must be a directory under /tmp: " + root);
        }
        this.host = host;
        this.root = root;
    }

    /** Where a path written inside the namespace lands on this machine. */
    Path upper(String absolutePath) {
        for (String d : List.of("/etc/", "/usr/local/", "/var/lib/")) {
            if (absolutePath.startsWith(d)) {
                return root.resolve("up").resolve(absolutePath.substring(1));
            }
        }
        throw new IllegalArgumentException(absolutePath + " is not overlaid");
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                OUTER, "overlay", root.toString(), script));
        argv.addAll(args);
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
