/**
 * What every command shares, the CLI's and the shell's alike: {@link jts.fleet.controller.cli.AppCommand} and
 * {@link jts.fleet.controller.cli.FleetCommand} (a command, and one that reaches hosts: options, session, progress),
 * {@link jts.fleet.controller.cli.InstallCommand} (the commands that push files),
 * {@link jts.fleet.controller.cli.AppContext} (where to print, the clock, the shell's pool),
 * {@link jts.fleet.controller.cli.FleetOptions} / {@link jts.fleet.controller.cli.HostSelection} / {@link jts.fleet.controller.cli.DeadlineOptions} and
 * {@link jts.fleet.controller.cli.FleetSession} (selection, connections, {@link jts.fleet.controller.fleet.RunSettings}),
 * {@link jts.fleet.controller.cli.ChangeOptions} (change freeze and record of the commands that change hosts),
 * {@link jts.fleet.controller.cli.FleetReport} and {@link jts.fleet.controller.cli.TextTable} (the human and JSON
 * views), {@link jts.fleet.controller.cli.Interrupts} (Ctrl-C), the converters and exceptions. The commands
 * themselves live one per class in a package per family ({@code cli.status}, {@code cli.inventory},
 * {@code cli.tuning}, {@code cli.trim}, {@code cli.history}, {@code cli.bench}, {@code cli.monitor},
 * {@code cli.render}), registered in {@code cli.tree.CommandTree}. This package never imports a command, the tree or
 * the interactive shell, and never runs a host script.
 */
package jts.fleet.controller.cli;
