package jts.fleet.remote.check;

import jts.fleet.inventory.Components;
import jts.fleet.remote.model.HostText;

/**
 * A judged observation about a host, shown to a user: which host, how bad, what was looked at ({@code subject}: a
 * device, a mount, a file; "" when the message names it or it is the host as a whole) and what was found. The one
 * shape of {@code check}'s lines and of the shell's {@code run-check} rows. Structured facts that are not judged
 * (a plan's drift, a mount option compared) keep their own types and become findings where they are shown.
 */
public record Finding(String host, Severity severity, String subject, String message) {
    public Finding {
        Components.requireNonNull(Finding.class, host, severity, subject, message);
    }

    /** A finding whose message says what it is about. */
    public Finding(String host, Severity severity, String message) {
        this(host, severity, "", message);
    }

    public static Finding ok(String host, String subject, String message) {
        return new Finding(host, Severity.OK, subject, message);
    }

    public static Finding warning(String host, String subject, String message) {
        return new Finding(host, Severity.WARNING, subject, message);
    }

    public static Finding critical(String host, String subject, String message) {
        return new Finding(host, Severity.CRITICAL, subject, message);
    }

    /** The subject and the message, {@code "sda: ..."}; the message alone when there is no subject. */
    public String text() {
        return subject.isEmpty() ? message : subject + ": " + message;
    }

    /** One line whatever the text holds: a mount point named with a line break cannot add a Nagios line. */
    public String line() {
        return severity.name() + " " + host + ": " + HostText.escape(text());
    }
}
