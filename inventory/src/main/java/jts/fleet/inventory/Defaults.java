package jts.fleet.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The inventory's {@code defaults:} after defaults of the schema were applied: what a host gets when neither
 * its groups nor itself set a key, plus the run-wide timeouts and output caps (these exist only here; the
 * command line overrides them).
 */
public record Defaults(
        String user,
        int port,
        Optional<Path> identityFile,
        Optional<Path> knownHosts,
        HostSpec.Become become,
        HostSpec.Connection connection,
        Optional<String> sysroot,
        Duration connectTimeout,
        Duration commandTimeout,
        Optional<Duration> runTimeout,
        Optional<Long> maxOutput,
        Optional<Long> maxDocumentOutput) {

    /** The defaults without the run-wide values this inventory does not set (tests, embedded inventory). */
    public Defaults(String user, int port, Optional<Path> identityFile, Optional<Path> knownHosts,
                    HostSpec.Become become, HostSpec.Connection connection, Optional<String> sysroot,
                    Duration connectTimeout, Duration commandTimeout) {
        this(user, port, identityFile, knownHosts, become, connection, sysroot, connectTimeout, commandTimeout,
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
