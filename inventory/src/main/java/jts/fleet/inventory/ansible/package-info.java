/**
 * Ansible inventories as ansible-core 2.14 reads them: INI and YAML files (or a directory of them), groups with
 * {@code children} and vars, host ranges ({@code db[01:03]}, {@code [a:c]}, steps), {@code host:port}, and the
 * {@code group_vars/} and {@code host_vars/} directories beside the inventory, merged with Ansible's precedence
 * ({@link AnsibleInventory#hostVars}). {@code ansible-inventory --list} is the oracle of the tests.
 *
 * <p>Only reads files: executable inventory scripts and inventory plugins ({@code plugin: aws_ec2}) are refused
 * (export them with {@code ansible-inventory --list --yaml}), Jinja2 templates are not evaluated and Ansible Vault
 * is never decrypted. Errors name {@code file:line}.
 */
package jts.fleet.inventory.ansible;
