package jts.fleet.controller.monitor;

/**
 * One line of {@code check}: a host, how bad, and what (device, value, limit). Also the input shape for drift
 * findings computed elsewhere (the tuning engine's verify), so they join the same report.
 */
public record Finding(String host, Severity severity, String text) {
    public String line() {
        return severity.name() + " " + host + ": " + text;
    }
}
