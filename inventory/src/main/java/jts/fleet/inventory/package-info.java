/**
 * The immutable host, group and policy model and how it is read: {@link jts.fleet.inventory.InventoryLoader}
 * (which file, YAML with a line for every node, errors naming file, line and key),
 * {@link jts.fleet.inventory.InventorySchema} (every key, its default and rule, also the source of
 * docs/INVENTORY.md), {@link jts.fleet.inventory.Inventory}, {@link jts.fleet.inventory.HostSpec},
 * {@link jts.fleet.inventory.Policy}, {@link jts.fleet.inventory.Tier}, {@link jts.fleet.inventory.QueueAttribute}
 * (the allow-list of writable queue attributes), host patterns with Ansible's precedence, and how each host is
 * reached ({@link jts.fleet.inventory.AccessResolver}: inventory over ssh_config over defaults, with origins).
 * Rules of every module live here, in the lowest one: {@link jts.fleet.inventory.Glob} (the one shell-style
 * glob matcher), {@link jts.fleet.inventory.Keyed} (an enum's written word) and
 * {@link jts.fleet.inventory.Components} (a value record's null check). Reading the files themselves is
 * {@code inventory.source}'s. Never opens a connection and reads nothing but the files it is pointed at.
 */
package jts.fleet.inventory;
