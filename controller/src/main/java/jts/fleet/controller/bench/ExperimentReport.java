package jts.fleet.controller.bench;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import jts.fleet.remote.bench.ExperimentAnalysis;
import jts.fleet.remote.bench.ProfileSummary;

/**
 * The outcome of an A/B experiment on one host: which devices were switched, their original values and
 * whether they were restored, every round's summary in the order run, and the analysis.
 */
public record ExperimentReport(@JsonProperty("host") String host, @JsonProperty("target") String target,
                               @JsonProperty("attribute") String attribute, @JsonProperty("profile") String profile,
                               @JsonProperty("devices") List<String> devices,
                               @JsonProperty("original") Map<String, String> original,
                               @JsonProperty("rounds") List<Round> rounds,
                               @JsonProperty("analysis") ExperimentAnalysis analysis,
                               @JsonProperty("restored") boolean restored)
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
    public record Round(@JsonProperty("round") int round, @JsonProperty("arm") String arm,
                        @JsonProperty("value") String value, @JsonProperty("summary") ProfileSummary summary) {
    }

    public ExperimentReport {
        devices = List.copyOf(devices);
        original = Map.copyOf(original);
        rounds = List.copyOf(rounds);
    }
}
