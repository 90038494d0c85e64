package jts.fleet.controller.change;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jts.fleet.remote.change.ChangeOperator;

/**
 * Who runs jts-fleet, from the operating system rather than from variables anyone can set: the process's uid and
 * its name in the password database ({@code getpwuid}, which Java's {@code user.name} is built from; {@code $USER}
 * is not consulted), the audit login uid the kernel keeps through {@code su} and {@code sudo}
 * ({@code /proc/self/loginuid}), and {@code $SUDO_USER} as sudo sets it. Also the controller machine's name.
 */
public final class OperatorIdentity {
    /** {@code /proc/self/loginuid} of a process that never logged in (a daemon, a container). */
    private static final long NO_LOGIN_UID = 4294967295L;

    private OperatorIdentity() {
    }

    /** The operator of this process; the host-side part ({@code ssh_user}, {@code become}) is filled per host. */
    public static ChangeOperator current() {
        return of(System.getProperty("user.name", "?"), uid(), readFile(Path.of("/proc/self/loginuid")),
                Path.of("/etc/passwd"), System.getenv());
    }

    /** From the given facts (tests): {@code passwd} resolves the login uid to a name. */
    static ChangeOperator of(String userName, long uid, Optional<String> loginUidText, Path passwd,
                             Map<String, String> env) {
        OptionalLong loginUid = OptionalLong.empty();
        if (loginUidText.isPresent()) {
            try {
                long value = Long.parseLong(loginUidText.get().strip());
                if (value != NO_LOGIN_UID && value >= 0) {
                    loginUid = OptionalLong.of(value);
                }
            } catch (NumberFormatException e) {
                // not a number: no login uid
            }
        }
        Optional<String> loginUser = Optional.empty();
        if (loginUid.isPresent()) {
            loginUser = loginUid.getAsLong() == uid ? Optional.of(userName) : userOf(passwd, loginUid.getAsLong());
        }
        Optional<String> sudoUser = Optional.ofNullable(env.get("SUDO_USER")).map(String::strip)
                .filter(s -> !s.isEmpty());
        return new ChangeOperator(userName, uid, loginUid, loginUser, sudoUser, Optional.empty(), "none");
    }

    /** The process's real uid: the "Uid:" line of {@code /proc/self/status}, else -1. */
    static long uid() {
        return readFile(Path.of("/proc/self/status")).flatMap(status -> status.lines()
                .filter(l -> l.startsWith("Uid:")).findFirst()).map(l -> l.substring(4).strip().split("\\s+")[0])
                .map(Long::parseLong).orElse(-1L);
    }

    /** The name of {@code uid} in a password file; empty when it is not listed there (NSS users, LDAP). */
    static Optional<String> userOf(Path passwd, long uid) {
        return readFile(passwd).flatMap(text -> text.lines().map(l -> l.split(":", -1)).filter(f -> f.length >= 3)
                .filter(f -> f[2].equals(Long.toString(uid))).map(f -> f[0]).findFirst());
    }

    /** This machine's name as uname(2) has it; the resolver's answer only where /proc is missing. */
    public static String controllerHost() {
        Optional<String> kernel = readFile(Path.of("/proc/sys/kernel/hostname")).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (kernel.isPresent()) {
            return kernel.get();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> readFile(Path path) {
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
