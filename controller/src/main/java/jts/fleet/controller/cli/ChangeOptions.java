package jts.fleet.controller.cli;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.Optional;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.change.ChangeJournal;
import jts.fleet.controller.change.ChangeJournals;
import jts.fleet.controller.change.ChangeRun;
import jts.fleet.controller.change.Confirmation;
import jts.fleet.controller.change.OperatorIdentity;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.remote.change.RunIds;
import picocli.CommandLine.Option;

/**
 * {@code --reason} and {@code --yes} of every command that changes hosts, and the change control it begins with
 * ({@link #begin}): {@code --force} only with a reason, a question before a large selection, a change file that
 * can be written. Decided before any host is contacted.
 */
public final class ChangeOptions {
    /** Longer reasons are refused: a reason is a ticket id or a sentence, not a document. */
    static final int MAX_REASON = 500;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why (a ticket id or a sentence): kept in the change record on the controller and on each "
                    + "host. Required with --force.")
    String reason;

    @Option(names = {"-y", "--yes"},
            description = "Change the whole inventory, or more than defaults.confirm_above hosts, without asking "
                    + "(needed where there is no terminal to ask on).")
    boolean yes;

    /**
     * The change control of one command run, before any host is touched: a dry run changes nothing and records
     * nothing (an inactive control).
     *
     * @throws UsageException {@code --force} without {@code --reason}, a bad reason, a large selection without
     *                        {@code --yes} and no terminal to ask on (exit 2)
     * @throws ExitException  the question answered no, or the change file cannot be written (exit 4)
     */
    public ChangeControl begin(AppContext context, FleetSession session, String command, boolean force, boolean dryRun)
            throws UsageException, ExitException {
        return begin(context, session, command, session.hosts(), force, dryRun);
    }

    /**
     * The same for a command that changes only {@code changing} of the selected hosts (the others refused by the
     * change freeze): the question counts those; none left, none asked.
     */
    public ChangeControl begin(AppContext context, FleetSession session, String command,
                        java.util.List<jts.fleet.inventory.HostSpec> changing, boolean force, boolean dryRun)
            throws UsageException, ExitException {
        Optional<String> why = reasonFor(command, force);
        if (dryRun) {
            return ChangeControl.INACTIVE;
        }
        Optional<String> question = Confirmation.question(command, session.inventory(), changing,
                session.inventory().defaults().changeControl().confirmAbove());
        if (question.isPresent() && !yes) {
            Optional<String> answer = context.confirmer().ask(question.get());
            String asked = question.get().substring(0, question.get().indexOf('?'));
            if (answer.isEmpty()) {
                throw new UsageException(asked + ": confirm with --yes (there is no terminal to ask on)");
            }
            if (!Confirmation.isYes(answer.get())) {
                throw new ExitException(ExitCodes.REFUSED, asked + ": not confirmed; nothing was changed");
            }
        }
        ChangeJournal journal = ChangeJournals.forInventory(session.inventory(), AppContext.userDirs());
        try {
            journal.checkWritable();
        } catch (IOException e) {
            throw new ExitException(ExitCodes.REFUSED, "cannot write the change record " + journal.file() + ": "
                    + e.getMessage() + "; nothing was changed");
        }
        ChangeRun.Header header = new ChangeRun.Header(RunIds.next(context.clock()), command,
                OperatorIdentity.current(), OperatorIdentity.controllerHost(), VersionProvider.version(),
                context.commandLine(), why, force);
        return new ChangeControl(Optional.of(new ChangeRun(journal, context.clock(), header)));
    }

    /**
     * The change freeze ({@link ChangeFreeze}) for {@code command} on the session's hosts: those inside their
     * blackout window are named on stderr and left out (recorded as refused once the run {@link #begin}s); with
     * {@code --force} (and its reason) none is. A dry run changes nothing, so it is never refused.
     *
     * @throws UsageException {@code --force} without {@code --reason}, before anything is decided or said
     */
    public ChangeFreeze.Decision freeze(AppContext context, FleetSession session, String command, FreezeOverride override,
                                 boolean dryRun) throws UsageException {
        reasonFor(command, override.force);
        ChangeFreeze.Decision decision = ChangeFreeze.decide(session.hosts(), command,
                ZonedDateTime.now(context.clock()), override.force || dryRun);
        decision.refused().forEach(r -> context.err().println("jts-fleet: " + r.reason()));
        return decision;
    }

    /**
     * The change freeze and the change record of a command the freeze holds back (apply, rollback, bench run,
     * experiment): {@link #freeze}, then {@link #begin} for the hosts it allows, with the hosts it refused recorded as
     * refused.
     */
    public Gate beginOutsideFreeze(AppContext context, FleetSession session, String command, FreezeOverride override,
                                   boolean dryRun) throws UsageException, ExitException {
        return beginOutsideFreeze(context, session, command, override, dryRun, control -> control);
    }

    /** The same, the record reading what changed from each host's result with {@code describe}. */
    public Gate beginOutsideFreeze(AppContext context, FleetSession session, String command, FreezeOverride override,
                                   java.util.function.Function<Object, java.util.List<jts.fleet.remote.change.ChangeItem>>
                                           describe) throws UsageException, ExitException {
        return beginOutsideFreeze(context, session, command, override, false, control -> control.describedBy(describe));
    }

    private Gate beginOutsideFreeze(AppContext context, FleetSession session, String command, FreezeOverride override,
                                    boolean dryRun, java.util.function.UnaryOperator<ChangeControl> recording)
            throws UsageException, ExitException {
        ChangeFreeze.Decision decision = freeze(context, session, command, override, dryRun);
        ChangeControl control = recording.apply(begin(context, session, command, decision.allowed(), override.force,
                dryRun));
        control.refused(decision);
        return new Gate(decision, control);
    }

    /** What {@link #beginOutsideFreeze} decided: the hosts that may go ahead, and the change record. */
    public record Gate(ChangeFreeze.Decision freeze, ChangeControl control) {
        public java.util.List<jts.fleet.inventory.HostSpec> allowed() {
            return freeze.allowed();
        }

        /** {@code code}, except that a run that went well on the hosts allowed still exits 4 when some were refused. */
        public int refusedOr(int code) {
            return code == ExitCodes.OK && !freeze.refused().isEmpty() ? ExitCodes.REFUSED : code;
        }
    }

    /** The reason, checked; {@code --force} is a usage error without one. */
    private Optional<String> reasonFor(String command, boolean force) throws UsageException {
        Optional<String> why = reason();
        if (force && why.isEmpty()) {
            throw new UsageException(command + " --force overrides the change freeze only with --reason TEXT (why:"
                    + " a ticket id), which the change record keeps");
        }
        return why;
    }

    /** The reason given, checked: one line of text. */
    Optional<String> reason() throws UsageException {
        if (reason == null) {
            return Optional.empty();
        }
        String text = reason.strip();
        if (text.isEmpty()) {
            throw new UsageException("--reason is empty: say why (a ticket id)");
        }
        if (text.length() > MAX_REASON) {
            throw new UsageException("--reason is " + text.length() + " characters long; at most " + MAX_REASON);
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UsageException("--reason must be one line of text, without control characters");
        }
        return Optional.of(text);
    }
}
