package jts.fleet.controller.cli.tree;

import jts.fleet.controller.cli.VersionProvider;

import picocli.CommandLine.Command;

/**
 * The top-level {@code jts-fleet} command; every feature is a subcommand registered in {@link CommandTree}. Named
 * alone it prints its usage and exits 2 (a group: {@link CommandTree#missingSubcommand}).
 */
@Command(name = "jts-fleet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Keeps the storage of a fleet of latency-critical Linux hosts tuned, trimmed, measured and watched,",
            "over SSH, with nothing installed on the hosts but what it pushes itself."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0   success (and, for verify/check, everything matches)",
            "  1   internal error",
            "  2   usage error, malformed inventory or policy, a pattern selecting no host",
            "  3   verify: drift found (check: UNKNOWN)",
            "  4   refused: blackout window, another run holds the lock",
            "  5   bench compare: regression beyond the threshold",
            "  10  at least one host failed",
            "  11  at least one host unreachable (and none failed otherwise)",
            "  130 interrupted (Ctrl-C); apply, rollback and trim first let the host steps in flight finish",
            "See README.md and docs/ for the full reference."})
public final class JtsFleetCommand {
    @picocli.CommandLine.Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Log what the engine and sshj do to stderr; -vv: everything at debug level.")
    boolean[] verbose = new boolean[0];

    @picocli.CommandLine.Option(names = "--log-file", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Write that log to FILE instead of stderr (at -v level when -v is not given).")
    java.nio.file.Path logFile;
}
