package jts.fleet.remote.systemd;

/** One line inside a unit section: a setting or a comment. A closed set, so serialisation is exhaustive. */
public sealed interface UnitLine permits UnitLine.Setting, UnitLine.Comment {

    /**
     * {@code Key=Value}. Keys are systemd directive names; values are single-line (systemd would otherwise
     * need backslash continuations, which we never generate). Repeating a key is allowed and meaningful
     * (e.g. several {@code ExecStartPre=}), so settings are a list, not a map.
     */
    record Setting(String key, String value) implements UnitLine {
        public Setting {
            if (!key.matches("[A-Z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("systemd key must be a directive name: \"" + key + "\"");
            }
            Unit.requireSingleLine(key, value);
            if (value.endsWith("\\")) {
                // a trailing backslash would join the next line into this value
                throw new IllegalArgumentException(key + ": value must not end with a backslash: \"" + value + "\"");
            }
        }
    }

    /** {@code # text}; explains why a setting is (or is not) there. */
    record Comment(String text) implements UnitLine {
        public Comment {
            Unit.requireSingleLine("comment", text);
        }
    }
}
