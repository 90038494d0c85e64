package jts.fleet.remote.bench;

import jts.fleet.inventory.Keyed;

/** Outcome of comparing one metric: before/after runs use the first three, experiments the last three. */
public enum Verdict implements Keyed.Hyphenated {
    IMPROVED, REGRESSED, WITHIN_NOISE, BETTER, WORSE, NO_SIGNIFICANT_DIFFERENCE
}
