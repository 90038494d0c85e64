package jts.fleet.remote.change;

import java.util.Optional;
import java.util.OptionalLong;

import jts.fleet.inventory.Components;

/**
 * Who made a change. The local user is the operating system's answer (the process's uid and its name), not
 * {@code $USER}, which anyone can set; the audit login uid ({@code /proc/self/loginuid}, set once at login and
 * kept through {@code su} and {@code sudo}) and {@code $SUDO_USER} name the person behind a shared or root account.
 *
 * @param localUser the controller process's user name (from the password database)
 * @param uid       its uid
 * @param loginUid  the audit login uid, when the kernel keeps one
 * @param loginUser its name, when the password database has it
 * @param sudoUser  {@code $SUDO_USER} when jts-fleet was started through sudo
 * @param sshUser   the user jts-fleet logs in as on the host (empty for a local connection)
 * @param become    how it becomes root there: {@code sudo} or {@code none}
 */
public record ChangeOperator(String localUser, long uid, OptionalLong loginUid, Optional<String> loginUser,
                             Optional<String> sudoUser, Optional<String> sshUser, String become) {
    public ChangeOperator {
        Components.requireNonNull(ChangeOperator.class, localUser, uid, loginUid, loginUser, sudoUser, sshUser,
                become);
    }

    /** The same person logging in as {@code user} (empty: a local connection) with {@code become}. */
    public ChangeOperator on(Optional<String> user, String how) {
        return new ChangeOperator(localUser, uid, loginUid, loginUser, sudoUser, user, how);
    }

    /** {@code alice} or {@code root (login alice, sudo from alice)}, then {@code as jts with sudo}. */
    public String describe() {
        StringBuilder who = new StringBuilder(localUser);
        StringBuilder behind = new StringBuilder();
        loginUser.filter(l -> !l.equals(localUser)).ifPresent(l -> behind.append("login ").append(l));
        sudoUser.filter(s -> !s.equals(localUser)).ifPresent(s -> behind.append(behind.isEmpty() ? "" : ", ")
                .append("sudo from ").append(s));
        if (!behind.isEmpty()) {
            who.append(" (").append(behind).append(')');
        }
        sshUser.ifPresent(u -> who.append(" as ").append(u));
        if (become.equals("sudo")) {
            who.append(" with sudo");
        }
        return who.toString();
    }
}
