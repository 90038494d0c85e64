package jts.fleet.controller.cli.inventory;

import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.HostSelection;
import jts.fleet.controller.cli.OutputOptions;
import picocli.CommandLine.Mixin;

/**
 * What the inventory commands share: the inventory and host options ({@link HostSelection}) and {@code -o}. Each
 * offers {@code --ssh-config} itself, with {@link HostSelection#SSH_CONFIG} and what it does with the file.
 */
abstract class InventoryCommand extends AppCommand {
    @Mixin
    HostSelection fleet;

    @Mixin
    OutputOptions output;
}
