package jts.fleet.inventory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jts.fleet.inventory.source.Spelling;

/**
 * One entry of a tier's {@code mount_options}: what a mount of the tier should have been mounted with. Written
 * {@code name} (present), {@code !name} (absent), {@code name=value}, {@code name>=N} or {@code name<=N}, e.g.
 * {@code hard}, {@code !soft}, {@code vers=4.1}, {@code nconnect>=4}, {@code rsize>=1048576}. jts-fleet never
 * remounts: a mount that differs is drift, reported with how to fix it in fstab. Option names are checked against
 * the NFS, CIFS and generic options the kernel knows, so a typo is a policy error with file and line.
 */
public record MountOptionExpectation(String name, Op op, Optional<String> value) {

    public enum Op {
        PRESENT(""), ABSENT("!"), EQUALS("="), AT_LEAST(">="), AT_MOST("<=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("(!?)([a-z][a-z0-9_]*)(?:(>=|<=|=)([A-Za-z0-9._:-]+))?");

    /** Options that take a number, so {@code >=} and {@code <=} make sense for them. */
    public static final Set<String> NUMERIC = Set.of("nconnect", "rsize", "wsize", "timeo", "retrans", "actimeo",
            "acregmin", "acregmax", "acdirmin", "acdirmax", "port", "mountport", "namlen", "max_connect",
            "echo_interval", "max_credits", "max_channels", "retry", "bsize", "closetimeo");

    /**
     * Mount options of NFS, CIFS and the generic VFS layer. Unordered (sorted where a message lists them): building a
     * sorted set of them was ~0.5 ms of every inventory load.
     */
    public static final Set<String> KNOWN = Set.copyOf(List.of(
            // generic
            "ro", "rw", "noatime", "relatime", "strictatime", "nodiratime", "noexec", "nosuid", "nodev", "sync",
            "async", "lazytime", "discard", "nodiscard",
            // NFS (nfs(5))
            "vers", "nfsvers", "minorversion", "nconnect", "max_connect", "rsize", "wsize", "hard", "soft", "softerr",
            "softreval", "nosoftreval", "timeo", "retrans", "proto", "mountproto", "port", "mountport", "sec",
            "actimeo", "acregmin", "acregmax", "acdirmin", "acdirmax", "ac", "noac", "cto", "nocto", "lookupcache",
            "local_lock", "lock", "nolock", "fsc", "nofsc", "sharecache", "nosharecache", "resvport", "noresvport",
            "rdirplus", "nordirplus", "intr", "nointr", "namlen", "clientaddr", "addr", "mountaddr", "retry",
            "bg", "fg", "write", "trunkdiscovery", "notrunkdiscovery",
            // CIFS (mount.cifs(8))
            "cache", "multichannel", "max_channels", "nosharesock", "max_credits", "echo_interval", "seal", "sign",
            "mfsymlinks", "noperm", "nobrl", "serverino", "noserverino", "actimeo", "closetimeo", "bsize",
            "handletimeout", "persistenthandles", "resilienthandles", "hard", "soft", "uid", "gid", "file_mode",
            "dir_mode", "forceuid", "forcegid", "noforceuid", "noforcegid", "username", "domain", "iocharset",
            "nounix", "unix", "cifsacl", "nocase"));

    public MountOptionExpectation {
        if (!KNOWN.contains(name)) {
            throw new IllegalArgumentException("unknown mount option \"" + name + "\"");
        }
        if ((op == Op.AT_LEAST || op == Op.AT_MOST) && !NUMERIC.contains(name)) {
            throw new IllegalArgumentException(name + " is not numeric: use " + name + "=VALUE, not " + op.symbol());
        }
        if ((op == Op.PRESENT || op == Op.ABSENT) != value.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + op + " takes " + (value.isEmpty() ? "a value" : "no value"));
        }
        if ((op == Op.AT_LEAST || op == Op.AT_MOST) && !value.get().matches("[0-9]{1,12}")) {
            throw new IllegalArgumentException(name + op.symbol() + value.get() + ": not a whole number");
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message that can follow {@code "key: "}
     */
    public static MountOptionExpectation parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a mount option expectation (name, !name, "
                    + "name=value, name>=N or name<=N)");
        }
        String name = m.group(2);
        if (!KNOWN.contains(name)) {
            throw new IllegalArgumentException("\"" + text + "\": unknown mount option \"" + name + "\""
                    + suggestion(name));
        }
        Op op;
        if (!m.group(1).isEmpty()) {
            if (m.group(3) != null) {
                throw new IllegalArgumentException("\"" + text + "\": ! takes no value");
            }
            op = Op.ABSENT;
        } else if (m.group(3) == null) {
            op = Op.PRESENT;
        } else {
            op = switch (m.group(3)) {
                case ">=" -> Op.AT_LEAST;
                case "<=" -> Op.AT_MOST;
                default -> Op.EQUALS;
            };
        }
        try {
            return new MountOptionExpectation(name, op, Optional.ofNullable(m.group(4)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage());
        }
    }

    /** As written in the policy: {@code nconnect>=4}. */
    public String text() {
        return (op == Op.ABSENT ? "!" : "") + name + (op == Op.ABSENT || op == Op.PRESENT ? "" : op.symbol())
                + value.orElse("");
    }

    private static String suggestion(String name) {
        return Spelling.closest(name, new TreeSet<>(KNOWN)).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }
}
