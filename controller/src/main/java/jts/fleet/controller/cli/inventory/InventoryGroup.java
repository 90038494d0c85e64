package jts.fleet.controller.cli.inventory;

import picocli.CommandLine.Command;

/** {@code jts-fleet inventory}: groups list and check; named alone, it prints its usage (exit 2). */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Inspect and validate the inventory and tier policy.",
        subcommands = {InventoryList.class, InventoryCheck.class})
public final class InventoryGroup {
}
