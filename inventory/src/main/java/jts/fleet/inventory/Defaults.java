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
        Optional<Long> maxDocumentOutput,
        ChangeControl changeControl) {

    /**
     * Change control ({@code docs/CHANGE_CONTROL.md}): where the controller keeps its change records and how many,
     * and above how many hosts a changing command asks first.
     *
     * @param file         {@code defaults.change_file}; empty: {@code $XDG_STATE_HOME/jts-fleet/changes.jsonl}
     * @param maxBytes     {@code defaults.change_file_max_size}: the file is rotated before it grows past this
     * @param keep         {@code defaults.change_file_keep}: rotated files kept ({@code changes.jsonl.1} ...)
     * @param confirmAbove {@code defaults.confirm_above}: a selection of more hosts is confirmed first
     */
    public record ChangeControl(Optional<Path> file, long maxBytes, int keep, int confirmAbove) {
        public static final long DEFAULT_MAX_BYTES = 10L << 20;
        public static final int DEFAULT_KEEP = 5;
        public static final int DEFAULT_CONFIRM_ABOVE = 10;
        public static final ChangeControl DEFAULTS = new ChangeControl(Optional.empty(), DEFAULT_MAX_BYTES,
                DEFAULT_KEEP, DEFAULT_CONFIRM_ABOVE);

        public ChangeControl {
            java.util.Objects.requireNonNull(file, "file");
        }
    }

    /** The defaults without the run-wide values this inventory does not set (tests, embedded inventory). */
    public Defaults(String user, int port, Optional<Path> identityFile, Optional<Path> knownHosts,
                    HostSpec.Become become, HostSpec.Connection connection, Optional<String> sysroot,
                    Duration connectTimeout, Duration commandTimeout) {
        this(user, port, identityFile, knownHosts, become, connection, sysroot, connectTimeout, commandTimeout,
                Optional.empty(), Optional.empty(), Optional.empty(), ChangeControl.DEFAULTS);
    }

    /** The defaults with the built-in change control settings. */
    public Defaults(String user, int port, Optional<Path> identityFile, Optional<Path> knownHosts,
                    HostSpec.Become become, HostSpec.Connection connection, Optional<String> sysroot,
                    Duration connectTimeout, Duration commandTimeout, Optional<Duration> runTimeout,
                    Optional<Long> maxOutput, Optional<Long> maxDocumentOutput) {
        this(user, port, identityFile, knownHosts, become, connection, sysroot, connectTimeout, commandTimeout,
                runTimeout, maxOutput, maxDocumentOutput, ChangeControl.DEFAULTS);
    }
}
