package jts.fleet.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The inventory's {@code defaults:} after defaults of the schema were applied: what a host gets when neither
 * its groups nor itself set a key, plus the run-wide timeouts (these exist only here).
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
        Duration commandTimeout) {
}
