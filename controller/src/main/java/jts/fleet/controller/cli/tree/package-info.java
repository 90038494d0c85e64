/**
 * The one command tree of the CLI and the shell: {@link jts.fleet.controller.cli.tree.CommandTree} registers every
 * command family in --help order, builds only the named command's model for a one-shot run, maps exceptions to exit
 * codes (the one place) and answers a group named without a subcommand with its usage;
 * {@link jts.fleet.controller.cli.tree.JtsFleetCommand} is the top-level command and
 * {@link jts.fleet.controller.cli.tree.CompleteCommand} the hidden one the completion scripts call.
 * {@code CommandModels} is every command's picocli model as code generated from the annotations (by a test-scope
 * generator, kept current and equal to picocli's own by {@code CommandModelsTest}), built from {@code ModelParts}: a
 * run builds its command without picocli reading an annotation, the costliest part of a one-shot start; and
 * {@code DirectLine} reads the plain lines of {@code status} and {@code check} without picocli at all, leaving any other
 * line (and so every usage error) to it. Nothing below
 * imports this package; it never imports the interactive shell: front ends are handed in by their caller
 * ({@code Main}).
 */
package jts.fleet.controller.cli.tree;
