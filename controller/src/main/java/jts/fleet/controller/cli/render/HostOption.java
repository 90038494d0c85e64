package jts.fleet.controller.cli.render;

import jts.fleet.controller.cli.UsageException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import picocli.CommandLine.Option;

/** {@code --host HOST}: the one inventory host a renderer renders for (systemd units, udev rules are per host). */
public final class HostOption {
    @Option(names = "--host", required = true, paramLabel = "HOST", description = "Inventory host name.")
    String host;

    /** The host named, with its effective policy. */
    HostSpec in(Inventory inv) throws UsageException {
        return inv.host(host).orElseThrow(() -> new UsageException("--host " + host + ": no such host in "
                + inv.source() + " (known: " + String.join(", ", inv.hostNames()) + ")"));
    }
}
