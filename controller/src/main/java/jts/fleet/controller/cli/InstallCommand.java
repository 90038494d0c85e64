package jts.fleet.controller.cli;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.controller.gather.Sysroots;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.StorageModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that pushes files to every selected host ({@code trim install}, {@code monitor install}): {@code --dry-run}
 * compares only; a change record (none for a dry run); per host, a sysroot host refused, its storage gathered, the
 * subclass's installer run, the host ok or changed; each host's report printed.
 *
 * @param <R> one host's install report
 */
public abstract class InstallCommand<R> extends FleetCommand {
    @Option(names = "--dry-run", description = "Compare only: say which files would change.")
    protected boolean dryRun;

    @Mixin
    protected ChangeOptions change;

    /** The command as the change record names it ({@code trim install}). */
    private final String command;
    private final Predicate<R> changed;
    private final Function<R, Object> json;
    private final Function<R, String> text;

    protected InstallCommand(String command, Predicate<R> changed, Function<R, Object> json,
                             Function<R, String> text) {
        this.command = command;
        this.changed = changed;
        this.json = json;
        this.text = text;
    }

    /** What one host gets, from its storage model. */
    @FunctionalInterface
    protected interface Installer<R> {
        R install(Transport transport, HostSpec host, StorageModel model) throws TransportException;
    }

    /** The installer of this run, its engine recording into {@code control}. */
    protected abstract Installer<R> installer(FleetSession session, ChangeControl control);

    /** Checks of the session before anything is asked or changed (an inventory error is exit 2). */
    protected void checkSession(FleetSession session) throws Exception {
    }

    @Override
    protected int run(FleetSession session) throws Exception {
        checkSession(session);
        ChangeControl control = change.begin(context, session, command, false, dryRun);
        Installer<R> installer = installer(session, control);
        List<HostResult<R>> results = control.runner(session.runner()).run(session.hosts(), (transport, host) -> {
            Sysroots.refuseSysroot(host, command);
            R report = installer.install(transport, host, HostGather.model(transport, host, session.commandTimeout()));
            return changed.test(report) ? HostOutcome.changed(report) : HostOutcome.ok(report);
        }, progress());
        control.end(context);
        FleetReport.print(context, output, results, json, text, doc -> { });
        return FleetReport.exitCode(results);
    }
}
