package jts.fleet.controller.gather;

import java.util.Optional;

import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;

/**
 * What a host's {@code sysroot} (a fixture tree standing in for a host) is and allows. Reads (gather, watch, check)
 * and tuning writes (apply, rollback, experiment) stay inside the tree. Commands whose host scripts act on the
 * machine itself (fstrim on mounted filesystems, fio on real paths, files pushed under /usr/local, /etc and
 * systemd) cannot be confined to it: for such a host they refuse, so a fixture never makes jts-fleet act on
 * the machine it runs on.
 *
 * <p>{@link #of} is the controller's one rule of what a written sysroot means: empty, or the root in any spelling
 * ({@code /}, {@code //}, {@code /./}, {@code /..}), is no sysroot; any other is the tree, trailing {@code /}s dropped.
 * Whether a host has one ({@link #hasSysroot}) and where its tuning files are ({@code TuningPaths.forHost}) both ask
 * it. Before this rule {@code //}, {@code /.} and {@code /..} counted as a sysroot, so trim, bench and installs
 * refused such a host; now they are the root and those commands act on the machine, as for {@code /}. No inventory
 * reaches either answer: the schema admits {@code /} and plain paths only and refuses every other spelling of the root
 * ({@code SysrootsTest}); only a host built in code can carry one.
 */
public final class Sysroots {
    private Sysroots() {
    }

    /** The host's sysroot without trailing {@code /}s, or empty when it has none (not set, empty, or the root). */
    public static Optional<String> of(HostSpec host) {
        // no method reference: every gather asks, and a one-shot run links each lambda call site (~60 us)
        return host.sysroot().isPresent() ? tree(host.sysroot().get()) : Optional.empty();
    }

    public static boolean hasSysroot(HostSpec host) {
        return of(host).isPresent();
    }

    /** {@code written} as a tree other than the root, trailing {@code /}s dropped; empty for "" and the root. */
    static Optional<String> tree(String written) {
        int end = written.length();
        while (end > 0 && written.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = written.substring(0, end);
        if (written.startsWith("/") && isRoot(trimmed)) {
            return Optional.empty();
        }
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /**
     * An absolute path whose every component is empty, {@code .} or {@code ..} names the root. {@code /srv/..} is not
     * taken for it: what it names depends on what /srv is (a symbolic link), and the host scripts refuse it.
     */
    private static boolean isRoot(String absolute) {
        for (String component : absolute.split("/", -1)) {
            if (!component.isEmpty() && !component.equals(".") && !component.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Fails the host (class {@code command}) when it has a sysroot: {@code what} would act outside it. */
    public static void refuseSysroot(HostSpec host, String what) throws TransportException {
        if (hasSysroot(host)) {
            throw new TransportException(FailureClass.COMMAND, host.name() + ": " + what + " acts on the real "
                    + "machine, not inside the sysroot " + host.sysroot().get() + ": refused for a fixture host");
        }
    }
}
