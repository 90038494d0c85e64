package jts.fleet.controller.gather;

import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

/**
 * What a host's {@code sysroot} (a fixture tree standing in for a host) allows. Reads (gather, watch, check)
 * and tuning writes (apply, rollback, experiment) stay inside the tree. Commands whose host scripts act on the
 * machine itself (fstrim on mounted filesystems, fio on real paths, files pushed under /usr/local, /etc and
 * systemd) cannot be confined to it: for such a host they refuse, so a fixture never makes jts-fleet act on
 * the machine it runs on.
 */
public final class Sysroots {
    private Sysroots() {
    }

    public static boolean hasSysroot(HostSpec host) {
        return host.sysroot().filter(r -> !r.isEmpty() && !r.equals("/")).isPresent();
    }

    /** Fails the host (class {@code command}) when it has a sysroot: {@code what} would act outside it. */
    public static void refuseSysroot(HostSpec host, String what) throws TransportException {
        if (hasSysroot(host)) {
            throw new TransportException(FailureClass.COMMAND, host.name() + ": " + what + " acts on the real "
                    + "machine, not inside the sysroot " + host.sysroot().get() + ": refused for a fixture host");
        }
    }
}
