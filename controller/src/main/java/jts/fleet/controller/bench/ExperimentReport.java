package jts.fleet.controller.bench;

import java.util.List;
import java.util.Map;

import jts.fleet.remote.bench.ExperimentAnalysis;
import jts.fleet.remote.bench.ProfileSummary;

/**
 * The outcome of an A/B experiment on one host: which devices were switched, their original values and
 * whether they were restored, every round's summary in the order run, and the analysis.
 */
public record ExperimentReport(String host, String target, String attribute, String profile, List<String> devices,
                               Map<String, String> original, List<Round> rounds, ExperimentAnalysis analysis,
                               boolean restored)
        implements jts.fleet.controller.fleet.ReportsChanges {

    /**
     * For the change record: each device switched between the arms and then put back to its original value (rolled
     * back), or left as the last round set it when the restore failed.
     */
    @Override
    public List<jts.fleet.remote.change.ChangeItem> changeItems() {
        String tried = rounds.stream().map(Round::value).distinct().collect(java.util.stream.Collectors.joining(", "));
        return devices.stream().sorted().map(d -> jts.fleet.remote.change.ChangeItem.of(d, attribute,
                original.get(d), original.get(d), restored ? jts.fleet.remote.change.ChangeItem.Result.ROLLED_BACK
                        : jts.fleet.remote.change.ChangeItem.Result.FAILED)
                .withNote(restored ? "switched between " + tried + ", then restored"
                        : "switched between " + tried + "; the restore failed: check with jts-fleet verify"))
                .toList();
    }
    public record Round(int round, String arm, String value, ProfileSummary summary) {
    }

    public ExperimentReport {
        devices = List.copyOf(devices);
        original = Map.copyOf(original);
        rounds = List.copyOf(rounds);
    }
}
