package jts.fleet.remote.bench;

import java.util.Locale;

/** Outcome of comparing one metric: before/after runs use the first three, experiments the last three. */
public enum Verdict {
    IMPROVED, REGRESSED, WITHIN_NOISE, BETTER, WORSE, NO_SIGNIFICANT_DIFFERENCE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
