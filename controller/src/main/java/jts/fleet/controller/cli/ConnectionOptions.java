package jts.fleet.controller.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How hosts are reached, the same on every fleet command ({@link FleetOptions}) and on {@code shell} (where they
 * become the session's): {@code --accept-new-host-keys} and the deadlines and output caps ({@link DeadlineOptions}).
 */
public final class ConnectionOptions {
    @Option(names = "--accept-new-host-keys",
            description = "Record unknown host keys (like OpenSSH accept-new); changed keys stay refused.")
    boolean acceptNewHostKeys;

    @Mixin
    DeadlineOptions deadlines = new DeadlineOptions();

    /** {@code --accept-new-host-keys}: unknown host keys are recorded (changed ones stay refused). */
    public boolean acceptNewHostKeys() {
        return acceptNewHostKeys;
    }

    /** The deadlines and caps given; absent ones fall back ({@link SettingsOverrides}). */
    public DeadlineOptions deadlines() {
        return deadlines;
    }
}
