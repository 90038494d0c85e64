package jts.fleet.controller.shell;

import java.util.Objects;

/**
 * One result line of a named check: what was looked at ({@code subject}: a device, a mount, a file) and what
 * was found.
 */
record Finding(Level level, String subject, String message) {
    enum Level {
        OK, WARN, FAIL;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Finding {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    static Finding ok(String subject, String message) {
        return new Finding(Level.OK, subject, message);
    }

    static Finding warn(String subject, String message) {
        return new Finding(Level.WARN, subject, message);
    }

    static Finding fail(String subject, String message) {
        return new Finding(Level.FAIL, subject, message);
    }
}
