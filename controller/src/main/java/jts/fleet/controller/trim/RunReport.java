package jts.fleet.controller.trim;

import java.time.Duration;
import java.util.List;

import jts.fleet.inventory.Keyed;
import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.change.ChangeRecord;
import jts.fleet.remote.trim.TrimRecord;
import jts.fleet.remote.trim.TrimResult;
import jts.fleet.remote.trim.TrimScript;

/**
 * The result of {@code trim run} on one host: how the script was run, its exit status, one record per configured
 * filesystem and whatever it wrote to stderr (human lines, config errors).
 */
public record RunReport(String host, Mode mode, int exitCode, List<TrimRecord> records, String stderr, Duration elapsed)
        implements jts.fleet.controller.fleet.ReportsChanges {

    /** For the change record: each filesystem, trimmed (the bytes), skipped or refused (with why), or failed. */
    @Override
    public List<ChangeItem> changeItems() {
        return records.stream().map(r -> {
            ChangeItem item = ChangeItem.of(r.mount(), "fstrim", null, r.bytes() + " bytes", switch (r.result()) {
                case OK -> r.bytes() > 0 ? ChangeItem.Result.CHANGED : ChangeItem.Result.OK;
                case FAILED -> ChangeItem.Result.FAILED;
                case SKIPPED, REFUSED -> ChangeItem.Result.OK;
            });
            return r.reason().isBlank() ? item : item.withNote(r.result().key() + ": " + r.reason());
        }).toList();
    }

    /** A run the host refused (blackout window, lock) is refused; one with a failed filesystem failed. */
    @Override
    public java.util.Optional<ChangeRecord.Result> changeResult() {
        return switch (outcome()) {
            case REFUSED -> java.util.Optional.of(ChangeRecord.Result.REFUSED);
            case FAILED -> java.util.Optional.of(ChangeRecord.Result.FAILED);
            default -> java.util.Optional.empty();
        };
    }

    /** Where the script came from. */
    public enum Mode implements Keyed.Hyphenated {
        /** The installed script with the installed config. */
        INSTALLED,
        /** Not installed: script and config pushed into a temporary directory for this run. */
        PUSHED,
        /** Not installed and no config to push: nothing ran. */
        NOT_INSTALLED
    }

    /** The host-level verdict, from the script's documented exit codes. */
    public enum Outcome implements Keyed.Hyphenated {
        OK, FAILED, REFUSED, CONFIG_ERROR, NOT_INSTALLED
    }

    public RunReport {
        records = List.copyOf(records);
    }

    public Outcome outcome() {
        if (mode == Mode.NOT_INSTALLED) {
            return Outcome.NOT_INSTALLED;
        }
        return switch (exitCode) {
            case TrimScript.EXIT_OK -> Outcome.OK;
            case TrimScript.EXIT_REFUSED -> Outcome.REFUSED;
            case TrimScript.EXIT_FAILED -> Outcome.FAILED;
            default -> Outcome.CONFIG_ERROR;
        };
    }

    /**
     * This report with a {@code skipped} record (reason given) for each mount point of {@code leftOut}: the ones
     * the controller kept out of the config (see {@link jts.fleet.remote.trim.TrimTargets#leftOut}), so the run
     * still says what happened to every filesystem of the trim tiers.
     */
    public RunReport withLeftOut(java.util.Map<String, String> leftOut, java.time.Instant now) {
        if (leftOut.isEmpty()) {
            return this;
        }
        List<TrimRecord> all = new java.util.ArrayList<>(records);
        boolean dryRun = records.stream().anyMatch(TrimRecord::dryRun);
        leftOut.forEach((mount, why) -> all.add(new TrimRecord(now, host, mount, "", "", 0, Duration.ZERO,
                TrimResult.SKIPPED, why, dryRun)));
        return new RunReport(host, mode, exitCode, all, stderr, elapsed);
    }

    public long bytesTrimmed() {
        return records.stream().filter(r -> r.result() == TrimResult.OK).mapToLong(TrimRecord::bytes).sum();
    }
}
