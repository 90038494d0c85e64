package jts.fleet.controller.transport;

import jts.fleet.inventory.Keyed;

/** Why a host could not be served. Stable lower-case names ({@link #key()}) appear in JSON output. */
public enum FailureClass implements Keyed {
    /** TCP connect failed or refused, DNS failed, connection dropped. */
    UNREACHABLE,
    /** Unknown or changed host key. */
    HOST_KEY,
    /** Public key refused, identity file unreadable. */
    AUTH,
    /** sudo -n needs a password or the user may not sudo. */
    SUDO,
    /** A deadline passed (connect, command or the whole run). */
    TIMEOUT,
    /** The command ran and failed, or its output was garbage. */
    COMMAND,
    /** The host refused to act: another jts-fleet run holds its lock. The command exits 4 when only this failed. */
    REFUSED,
    /** The command printed more than the output cap allows; it was stopped on the host. */
    OUTPUT_LIMIT
}
