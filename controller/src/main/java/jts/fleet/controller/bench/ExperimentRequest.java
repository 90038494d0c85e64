package jts.fleet.controller.bench;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jts.fleet.inventory.Keyed;
import jts.fleet.inventory.QueueAttribute;
import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchTarget;

/**
 * {@code jts-fleet experiment --set scheduler=none,mq-deadline --profile P --target DIR --rounds N}: arm A is
 * the first value, arm B the second; rounds are interleaved A B A B ... on the device(s) behind the target.
 */
public record ExperimentRequest(QueueAttribute attribute, String valueA, String valueB, String profile, String target,
                                int rounds, BenchParameters parameters) {
    private static final Pattern VALUE = Pattern.compile("^[a-z0-9_-]{1,32}$");

    public ExperimentRequest {
        if (attribute == QueueAttribute.WRITE_CACHE) {
            // switching the write cache off and on again under load risks data on some devices; never as an experiment
            throw new IllegalArgumentException("--set write_cache is not allowed in experiments");
        }
        for (String v : List.of(valueA, valueB)) {
            if (!VALUE.matcher(v).matches()) {
                throw new IllegalArgumentException("--set " + attribute.key() + ": value \"" + v + "\" must match " + VALUE.pattern());
            }
            if (attribute != QueueAttribute.SCHEDULER && !v.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("--set " + attribute.key() + ": value \"" + v + "\" must be a number");
            }
        }
        if (valueA.equals(valueB)) {
            throw new IllegalArgumentException("--set " + attribute.key() + ": the two arms are the same value " + valueA);
        }
        BenchTarget.checkPath(target);
        if (rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("--rounds " + rounds + " is out of range 1..100");
        }
    }

    /** Parses {@code scheduler=none,mq-deadline}. */
    public static ExperimentRequest parse(String set, String profile, String target, int rounds, BenchParameters parameters) {
        int eq = set.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--set must look like ATTRIBUTE=A,B (e.g. scheduler=none,mq-deadline), got \"" + set + "\"");
        }
        String key = set.substring(0, eq);
        QueueAttribute attribute = Keyed.parse(QueueAttribute.class, key).orElseThrow(() -> new IllegalArgumentException(
                "--set: unknown queue attribute \"" + key + "\" (allowed: "
                        + String.join(", ", Arrays.stream(QueueAttribute.values()).map(QueueAttribute::key).toList()) + ")"));
        String[] values = set.substring(eq + 1).split(",", -1);
        if (values.length != 2) {
            throw new IllegalArgumentException("--set " + key + ": give exactly two values A,B, got \"" + set.substring(eq + 1) + "\"");
        }
        return new ExperimentRequest(attribute, values[0], values[1], profile, target, rounds, parameters);
    }
}
