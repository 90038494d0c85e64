/**
 * The picocli commands, one implementation for the CLI and the shell, and what every command shares:
 * {@link jts.fleet.controller.cli.CommandTree} (the tree, and the one place exceptions map to exit codes),
 * {@link jts.fleet.controller.cli.AppContext} (where to print, the clock, the shell's pool),
 * {@link jts.fleet.controller.cli.FleetOptions} / {@link jts.fleet.controller.cli.FleetSession} (selection,
 * connections, {@link jts.fleet.controller.fleet.RunSettings}), {@link jts.fleet.controller.cli.FleetReport} and
 * {@link jts.fleet.controller.cli.TextTable} (the human and JSON views). Commands are thin: they fill a request,
 * call an engine ({@code tuning}, {@code trim}, {@code bench}, {@code monitor}, {@code gather}) and print what
 * comes back. Never runs a host script itself and never imports the interactive shell: front ends
 * ({@code jts.fleet.controller.shell.ShellCommand}) are handed to {@code CommandTree.create} by their caller.
 */
package jts.fleet.controller.cli;
