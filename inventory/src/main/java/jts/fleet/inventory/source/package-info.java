/**
 * Reading the files an inventory is made of, below everything that interprets them: bounded text
 * ({@link jts.fleet.inventory.source.InventoryText}: size and line caps, UTF-8), YAML with the line of every node
 * ({@link jts.fleet.inventory.source.YamlReader}, {@link jts.fleet.inventory.source.YamlNode}; the jar's embedded
 * YAML pre-read as {@link jts.fleet.inventory.source.YamlTree}, so that start-up needs no YAML parser), the one
 * error type that names file, line and key ({@link jts.fleet.inventory.source.InventoryException}) and "did you
 * mean" hints ({@link jts.fleet.inventory.source.Spelling}); the text resources the jar ships
 * ({@link jts.fleet.inventory.source.ShippedResources}, also the host scripts' reader); whether a reader's debug notes
 * go anywhere ({@link jts.fleet.inventory.source.DebugLog}). The inventory model,
 * ssh_config and Ansible readers all stand on it; it uses none of them (so the inventory's packages have no cycle).
 * Knows no inventory key.
 */
package jts.fleet.inventory.source;
