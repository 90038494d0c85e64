/**
 * {@code jts-fleet shell}: the jline3 read-execute loop ({@link jts.fleet.controller.shell.Shell}) over the same
 * picocli tree as the CLI, the session kept between commands ({@link jts.fleet.controller.shell.ShellSession}:
 * inventory, selection, pooled connections), Tab completion, and the shell's own triage commands ({@code use},
 * {@code hosts}, {@code diskstats}, {@code top}, {@code run-check}, {@code journal}, {@code exit}). The shell is
 * a front end above {@code cli}: it imports the commands, no command imports it ({@code Main} registers
 * {@link jts.fleet.controller.shell.ShellCommand}).
 */
package jts.fleet.controller.shell;
