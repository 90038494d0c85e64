package jts.fleet.controller.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jts.fleet.controller.fleet.ForwardingTransport;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.StreamingCommand;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;

/**
 * A host whose PATH lacks some tools (fio): a directory of symlinks to everything in /usr/bin and /usr/sbin
 * except the hidden names, set as PATH in front of every script. Test-only: real transports never prefix
 * scripts.
 */
final class PathOverrideTransport extends ForwardingTransport {
    private final Path bin;

    PathOverrideTransport(Transport delegate, Path bin) {
        super(delegate);
        this.bin = bin;
    }

    static Path binWithout(Path dir, Set<String> hidden) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (Path source : List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"))) {
            try (var s = Files.list(source)) {
                for (Path tool : s.toList()) {
                    String name = tool.getFileName().toString();
                    if (!hidden.contains(name) && !Files.exists(bin.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(name), tool);
                    }
                }
            }
        }
        return bin;
    }

    /** {@code script} with this PATH in front (the temp path holds no quote: from Files.createTempDirectory). */
    private String withPath(String script) {
        return "PATH='" + bin + "'; export PATH\n" + script;
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become)
            throws TransportException {
        return super.exec(withPath(script), args, stdin, timeout, become);
    }

    @Override
    public ExecResult exec(String script, List<String> args, byte[] stdin, Duration timeout, boolean become,
            long outputLimit) throws TransportException {
        return super.exec(withPath(script), args, stdin, timeout, become, outputLimit);
    }

    @Override
    public StreamingCommand stream(String script, List<String> args, Duration lifetime) throws TransportException {
        return super.stream(withPath(script), args, lifetime);
    }
}
