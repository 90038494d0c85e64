package jts.fleet.inventory;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jts.fleet.inventory.source.YamlNode;
import jts.fleet.inventory.sshconfig.JumpSpec;

/**
 * How one scalar value of the inventory is checked. The same rule object validates the file and writes the
 * "type" and "rule" columns of docs/INVENTORY.md, so the reference cannot drift from the loader.
 */
public sealed interface ValueRule {

    /** The problem with {@code value}, phrased to follow {@code "key: "}, or empty when it is fine. */
    Optional<String> check(YamlNode.Scalar value);

    /** Type column of the reference, e.g. {@code integer}. */
    String type();

    /** Rule column of the reference, e.g. {@code 1..65535}. */
    String rule();

    /** "an integer", "a path": for "expected ..." messages. */
    static String withArticle(String type) {
        return ("aeio".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type; // "a user name", "an integer"
    }

    private static Optional<String> wrongType(YamlNode.Scalar value, String expected) {
        return Optional.of("expected " + expected + ", got " + value.typeName()
                + (value.isNull() ? "" : " " + value.shown()));
    }

    /** Text matching a pattern. {@code numbersAsText} also accepts unquoted numbers (fio's {@code bs: 8192}). */
    record Text(String type, Pattern pattern, String rule, boolean numbersAsText) implements ValueRule {
        public static Text of(String type, String regex, String rule) {
            return new Text(type, Pattern.compile(regex), rule, false);
        }

        @Override
        public Optional<String> check(YamlNode.Scalar value) {
            boolean numeric = value.kind() == YamlNode.Kind.INT || value.kind() == YamlNode.Kind.FLOAT;
            if (value.kind() != YamlNode.Kind.STRING && !(numbersAsText && numeric)) {
                return wrongType(value, withArticle(type));
            }
            if (!pattern.matcher(value.text()).matches()) {
                return Optional.of(value.shown() + " is not a valid " + type + " (" + rule + ")");
            }
            return Optional.empty();
        }
    }

    /**
     * A number from {@code min} to {@code max}; a {@code whole} one is an integer (YAML's int, no point or
     * exponent), any other may be a decimal.
     */
    record Range(BigDecimal min, BigDecimal max, boolean whole) implements ValueRule {
        public static Range integer(long min, long max) {
            return new Range(BigDecimal.valueOf(min), BigDecimal.valueOf(max), true);
        }

        public static Range decimal(String min, String max) {
            return new Range(new BigDecimal(min), new BigDecimal(max), false);
        }

        @Override
        public Optional<String> check(YamlNode.Scalar value) {
            if (value.kind() != YamlNode.Kind.INT && (whole || value.kind() != YamlNode.Kind.FLOAT)) {
                return wrongType(value, withArticle(type()));
            }
            BigDecimal v;
            try {
                v = value.decimal();
            } catch (NumberFormatException e) {
                return Optional.of(value.text() + " is not a finite number");
            }
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                return Optional.of(value.text() + " is out of range " + rule());
            }
            return Optional.empty();
        }

        @Override
        public String type() {
            return whole ? "integer" : "number";
        }

        @Override
        public String rule() {
            return min.toPlainString() + ".." + max.toPlainString();
        }
    }

    record Flag() implements ValueRule {
        @Override
        public Optional<String> check(YamlNode.Scalar value) {
            return value.kind() == YamlNode.Kind.BOOL ? Optional.empty() : wrongType(value, "true or false");
        }

        @Override
        public String type() {
            return "boolean";
        }

        @Override
        public String rule() {
            return "true or false";
        }
    }

    /**
     * One of a fixed set of words. {@code hints} explain common wrong values (e.g. the legacy {@code noop}
     * scheduler that blk-mq no longer has).
     */
    record OneOf(List<String> allowed, Map<String, String> hints) implements ValueRule {
        public OneOf {
            allowed = List.copyOf(allowed);
            hints = Map.copyOf(hints);
        }

        public static OneOf of(String... allowed) {
            return new OneOf(List.of(allowed), Map.of());
        }

        @Override
        public Optional<String> check(YamlNode.Scalar value) {
            if (value.kind() == YamlNode.Kind.NULL || value.kind() == YamlNode.Kind.BOOL) {
                return wrongType(value, "one of " + String.join(", ", allowed));
            }
            if (allowed.contains(value.text())) {
                return Optional.empty();
            }
            String hint = hints.get(value.text());
            return Optional.of(value.shown() + " is not one of " + String.join(", ", allowed)
                    + (hint == null ? "" : ": " + hint));
        }

        @Override
        public String type() {
            return "word";
        }

        @Override
        public String rule() {
            return "one of `" + String.join("`, `", allowed) + "`";
        }
    }

    /**
     * A quoted string that a parser of its own reads (a time, a zone, jump hosts, a mount option, a duration):
     * anything but a string is the wrong type; {@link Parser} says what that parser refuses in a string.
     *
     * @param expected what the message names instead of a value of the wrong type, e.g. {@code a time zone name}
     */
    record Parsed(String type, String rule, String expected, Parser parser) implements ValueRule {
        @Override
        public Optional<String> check(YamlNode.Scalar value) {
            return value.kind() == YamlNode.Kind.STRING ? parser.problem(value) : wrongType(value, expected);
        }
    }

    /**
     * The parsers of {@link Parsed} values. Constants with methods, not lambdas: the schema makes every rule when a
     * one-shot run first loads an inventory, and each lambda's first use is ~60 µs of that run.
     */
    enum Parser {
        /** Wall-clock time {@code HH:MM}. */
        TIME {
            private final Pattern hhMm = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

            @Override
            void read(String text) {
                if (!hhMm.matcher(text).matches()) {
                    throw new IllegalArgumentException("not HH:MM");
                }
            }

            @Override
            String refusal(YamlNode.Scalar value, String why) {
                return value.shown() + " is not a time HH:MM between 00:00 and 23:59";
            }
        },
        ZONE {
            @Override
            void read(String text) {
                ZoneId.of(text);
            }

            @Override
            String refusal(YamlNode.Scalar value, String why) {
                return value.shown() + " is not a known time zone (use an IANA name such as America/New_York or UTC)";
            }
        },
        JUMP_LIST {
            @Override
            void read(String text) {
                JumpSpec.parseList(text);
            }

            @Override
            String refusal(YamlNode.Scalar value, String why) {
                return value.shown() + " is not a valid jump host list: " + why;
            }
        },
        MOUNT_OPTION {
            @Override
            void read(String text) {
                MountOptionExpectation.parse(text);
            }
        },
        DURATION {
            @Override
            void read(String text) {
                DurationParser.parsePositive(text);
            }
        };

        /** Reads {@code text}, throwing what the parser throws for text it refuses. */
        abstract void read(String text);

        /** The problem with {@code value}, which the parser refused saying {@code why}; {@code why} itself here. */
        String refusal(YamlNode.Scalar value, String why) {
            return why;
        }

        /** What the parser refuses in {@code value}'s text, phrased to follow {@code "key: "}; empty when it reads it. */
        final Optional<String> problem(YamlNode.Scalar value) {
            try {
                read(value.text());
                return Optional.empty();
            } catch (IllegalArgumentException | DateTimeException e) {
                return Optional.of(refusal(value, String.valueOf(e.getMessage())));
            }
        }
    }

    /** Wall-clock time {@code HH:MM} (quote it in YAML). */
    static ValueRule clock() {
        return new Parsed("time", "\"HH:MM\", 00:00..23:59", "a time \"HH:MM\" in quotes", Parser.TIME);
    }

    /** An IANA time zone such as {@code America/New_York}. */
    static ValueRule zone() {
        return new Parsed("time zone", "IANA name, e.g. `America/New_York`", "a time zone name", Parser.ZONE);
    }

    /** An OpenSSH {@code ProxyJump} value: {@code none} or {@code [user@]host[:port]} hops separated by commas. */
    static ValueRule jumpList() {
        return new Parsed("jump hosts", "`none`, or `[user@]host[:port]` hops separated by `,` (IPv6 in `[]`)",
                "jump hosts such as \"ops@bastion:22\"", Parser.JUMP_LIST);
    }

    /** A {@code mount_options} entry: a known option name with an expectation ({@link MountOptionExpectation}). */
    static ValueRule mountOption() {
        return new Parsed("mount option",
                "`name`, `!name`, `name=value`, `name>=N`, `name<=N`; a known NFS, CIFS or generic option",
                "a mount option such as \"nconnect>=4\"", Parser.MOUNT_OPTION);
    }

    /** A duration for the CLI and timeouts, parsed by {@link DurationParser}. */
    static ValueRule duration() {
        return new Parsed("duration", "number + unit `ms`, `s`, `m`, `h` (e.g. `500ms`, `10s`, `1m30s`), above zero",
                "a duration such as \"10s\"", Parser.DURATION);
    }

    /** A byte size for output caps, parsed by {@link SizeParser}, at least {@code min} bytes. */
    record SizeText(long min) implements ValueRule {
        @Override
        public Optional<String> check(YamlNode.Scalar value) {
            if (value.kind() != YamlNode.Kind.STRING && value.kind() != YamlNode.Kind.INT) {
                return wrongType(value, "a size such as \"4m\"");
            }
            try {
                long bytes = SizeParser.parse(value.text());
                return bytes < min ? Optional.of("size '" + value.text() + "' is below the minimum of "
                        + SizeParser.format(min)) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }

        @Override
        public String type() {
            return "size";
        }

        @Override
        public String rule() {
            return "bytes with an optional unit `k`, `m`, `g` (binary: `4m` is 4 MiB), at least `"
                    + SizeParser.format(min) + "`";
        }
    }
}
