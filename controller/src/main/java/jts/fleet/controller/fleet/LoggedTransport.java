package jts.fleet.controller.fleet;

import java.time.Duration;
import java.util.List;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.StreamingCommand;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;

/**
 * The engine's view of every remote command, for {@code -v}: which fixed script ran on which host with how many
 * arguments, its exit status, time and output sizes. Script text and arguments are not logged (arguments are
 * validated names and paths, but stdin may carry files). Costs nothing when debug logging is off.
 */
final class LoggedTransport extends ForwardingTransport {
    private final org.slf4j.Logger log = EngineLog.log();

    LoggedTransport(Transport delegate) {
        super(delegate);
    }

    /** One exec of the delegate, as {@link #logged} runs it. */
    @FunctionalInterface
    private interface Exec {
        ExecResult run() throws TransportException;
    }

    static Transport wrap(Transport transport) {
        return EngineLog.debugEnabled() ? new LoggedTransport(transport) : transport;
    }

    /** The script's name from its header comment ({@code # jts-fleet NAME ...}), else its first line. */
    static String scriptName(String script) {
        for (String line : script.lines().limit(4).toList()) {
            if (line.startsWith("# jts-fleet ")) {
                String rest = line.substring("# jts-fleet ".length()).strip();
                int end = rest.indexOf(' ');
                return end < 0 ? rest : rest.substring(0, end).replaceAll("[:]$", "");
            }
        }
        String first = script.lines().filter(l -> !l.startsWith("#!")).findFirst().orElse("").strip();
        return first.length() > 40 ? first.substring(0, 40) + "…" : first;
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        return logged(script, args, stdin, timeout, become,
                () -> delegate().exec(script, args, stdin, timeout, become));
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        return logged(script, args, stdin, timeout, become,
                () -> delegate().exec(script, args, stdin, timeout, become, outputLimit));
    }

    private ExecResult logged(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            Exec exec) throws TransportException {
        String name = scriptName(script);
        log.debug("{}: exec {} ({} args, {} bytes stdin, timeout {} ms{})", hostName(), name, args.size(),
                stdin.length, timeout.toMillis(), become ? ", become" : "");
        try {
            ExecResult r = exec.run();
            log.debug("{}: {} exit {} in {} ms ({} bytes out, {} chars err)", hostName(), name, r.exitCode(),
                    r.elapsed().toMillis(), r.stdout().length, r.stderr().length());
            return r;
        } catch (TransportException e) {
            log.debug("{}: {} failed: {}: {}", hostName(), name, e.failureClass().key(), e.getMessage());
            throw e;
        }
    }

    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        log.debug("{}: stream {} ({} args, lifetime {} s)", hostName(), scriptName(script), args.size(),
                lifetime.toSeconds());
        return delegate().stream(script, args, lifetime);
    }
}
