package jts.fleet.controller.monitor;

/**
 * One line of {@code check}: a host, how bad, and what (device, value, limit). Also the input shape for drift
 * findings computed elsewhere (the tuning engine's verify), so they join the same report.
 */
public record Finding(String host, Severity severity, String text) {
    /** One line whatever the text holds: a mount point named with a line break cannot add a Nagios line. */
    public String line() {
        return severity.name() + " " + host + ": " + jts.fleet.remote.model.HostText.escape(text);
    }
}
