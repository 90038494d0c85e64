package jts.fleet.controller.change;

import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jts.fleet.controller.fleet.HostObserver;
import jts.fleet.controller.fleet.HostRecording;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.fleet.ReportsChanges;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.inventory.Components;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.change.ChangeContext;
import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.change.ChangeOperator;
import jts.fleet.remote.change.ChangeRecord;
import jts.fleet.remote.change.ChangeRecords;
import jts.fleet.remote.tuning.PolicyFingerprint;

/**
 * The change record of one command run: one run id for all its hosts, an intent line per host before its change
 * starts ({@link #intent}), an outcome line when it ended ({@link #outcome}), an outcome line for a host the
 * change freeze refused ({@link #refused}) or the rollout never reached ({@link #notStarted}). The context of each
 * line (who, from where, which command line, why, which policy, inside which blackout window) is built here, and
 * {@link #contextLine} hands the same to the host scripts that record the change on the host.
 */
public final class ChangeRun implements HostObserver, HostRecording {
    /** Everything about a run that is the same for every host. */
    public record Header(String runId, String command, ChangeOperator operator, String controllerHost,
                         String version, String commandLine, Optional<String> reason, boolean forced) {
        public Header {
            Components.requireNonNull(Header.class, runId, command, operator, controllerHost, version, commandLine,
                    reason, forced);
        }
    }

    private final ChangeJournal journal;
    private final Clock clock;
    private final Header header;
    private final Function<Object, List<ChangeItem>> describe;
    private final Map<String, ChangeContext> contexts = new ConcurrentHashMap<>();
    private final List<String> writeErrors = Collections.synchronizedList(new ArrayList<>());

    public ChangeRun(ChangeJournal journal, Clock clock, Header header) {
        this(journal, clock, header, ChangeRun::reported);
    }

    private ChangeRun(ChangeJournal journal, Clock clock, Header header, Function<Object, List<ChangeItem>> describe) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.header = Objects.requireNonNull(header, "header");
        this.describe = Objects.requireNonNull(describe, "describe");
    }

    /** This run, reading what changed on a host from its result value with {@code describe}. */
    public ChangeRun describedBy(Function<Object, List<ChangeItem>> how) {
        return new ChangeRun(journal, clock, header, how);
    }

    private static List<ChangeItem> reported(Object value) {
        return value instanceof ReportsChanges report ? report.changeItems() : List.of();
    }

    public String runId() {
        return header.runId();
    }

    /** The context of {@code host}'s lines: fixed when first asked, so intent and outcome say the same. */
    public ChangeContext context(HostSpec host) {
        return contexts.computeIfAbsent(host.name(), name -> {
            Optional<String> sshUser = host.connection() == HostSpec.Connection.LOCAL ? Optional.empty()
                    : Optional.of(host.user());
            String become = HostScriptRunner.sudo(host) ? "sudo" : "none";
            Optional<String> window = ChangeFreeze.window(host, ZonedDateTime.now(clock));
            return new ChangeContext(header.runId(), header.command(), name, header.operator().on(sshUser, become),
                    header.controllerHost(), header.version(), header.commandLine(), header.reason(),
                    Optional.of(PolicyFingerprint.of(host.policy())), header.forced(), window);
        });
    }

    /** The context as the host scripts take it: one line of ASCII JSON. */
    @Override
    public String contextLine(HostSpec host) {
        return ChangeRecords.contextLine(context(host));
    }

    /**
     * The intent line, written and on disk before {@code host} is touched.
     *
     * @throws IOException when it cannot be written: the host must then not be changed
     */
    public void intent(HostSpec host) throws IOException {
        try {
            journal.append(ChangeRecord.intent(context(host), clock.instant()));
        } catch (IOException e) {
            throw new IOException("cannot record the change in " + journal.file() + ": " + e.getMessage()
                    + "; nothing was changed", e);
        }
    }

    /** {@link HostObserver}: the intent line, or why the host must not be touched when it cannot be written. */
    @Override
    public Optional<String> starting(HostSpec host) {
        try {
            intent(host);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@link HostObserver}: the outcome line. */
    @Override
    public void finished(HostSpec host, HostResult<?> result) {
        outcome(host, result);
    }

    /** The outcome line of a host that ran (or failed, or was never reached). */
    public void outcome(HostSpec host, HostResult<?> result) {
        ChangeRecord.Result status;
        Optional<String> message;
        List<ChangeItem> items = List.of();
        if (result instanceof HostResult.Ok<?> ok) {
            status = ok.value() instanceof ReportsChanges report && report.changeResult().isPresent()
                    ? report.changeResult().get()
                    : ok.changed() ? ChangeRecord.Result.CHANGED : ChangeRecord.Result.OK;
            message = Optional.empty();
            try {
                items = describe.apply(ok.value());
            } catch (RuntimeException e) {
                message = Optional.of("jts-fleet could not list what changed: " + e);
            }
        } else if (result instanceof HostResult.Failed<?> failed) {
            status = failed.failure() == FailureClass.REFUSED ? ChangeRecord.Result.REFUSED : ChangeRecord.Result.FAILED;
            message = Optional.of(failed.message());
        } else if (result instanceof HostResult.Unreachable<?> unreachable) {
            status = ChangeRecord.Result.UNREACHABLE;
            message = Optional.of(unreachable.message());
        } else {
            status = ChangeRecord.Result.SKIPPED;
            message = Optional.of(((HostResult.Skipped<?>) result).reason());
        }
        write(ChangeRecord.outcome(context(host), clock.instant(), status, message, items));
    }

    /** A host the change freeze kept out: nothing was touched, and that is recorded. */
    public void refused(ChangeFreeze.Refusal refusal) {
        write(ChangeRecord.outcome(context(refusal.host()), clock.instant(), ChangeRecord.Result.REFUSED,
                Optional.of(refusal.reason()), List.of()));
    }

    /** A selected host the run never started on (a rollout stopped by max-fail or the deadline). */
    public void notStarted(HostSpec host, String reason) {
        write(ChangeRecord.outcome(context(host), clock.instant(), ChangeRecord.Result.SKIPPED,
                Optional.of(reason), List.of()));
    }

    /** Outcome lines that could not be written (the change happened; the command says so). */
    public List<String> writeErrors() {
        synchronized (writeErrors) {
            return List.copyOf(writeErrors);
        }
    }

    private void write(ChangeRecord record) {
        try {
            journal.append(record);
        } catch (IOException e) {
            writeErrors.add(record.context().host() + ": cannot record the " + record.event().key() + " in "
                    + journal.file() + ": " + e.getMessage());
        }
    }
}
