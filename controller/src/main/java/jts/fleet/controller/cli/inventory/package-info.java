/**
 * The inventory commands, one per class ({@link jts.fleet.controller.cli.inventory.InventoryGroup}): {@code list}
 * (with {@code --explain HOST}, {@link jts.fleet.controller.cli.inventory.ExplainView}) and {@code check}, with the
 * options they share from {@code InventoryCommand} (host selection and {@code -o}). They read
 * the inventory through {@code jts.fleet.inventory} and print it; they never connect to a host, never load or
 * validate files themselves and never import another command family.
 */
package jts.fleet.controller.cli.inventory;
