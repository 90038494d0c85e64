package jts.fleet.remote.change;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The one rule for run ids (change runs and benchmark runs alike): UTC time to the second, sortable, then 16
 * random bits so that two runs started in the same second differ (1 in 65536 that they do not):
 * {@code 20261206T013000Z-3f9a}. A benchmark run's id is also its change record's run id.
 */
public final class RunIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final RandomGenerator RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static String next(Clock clock) {
        return next(clock, RANDOM);
    }

    public static String next(Clock clock, RandomGenerator random) {
        byte[] bytes = new byte[2];
        random.nextBytes(bytes);
        return TIME.format(ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC)) + "-"
                + HexFormat.of().formatHex(bytes);
    }
}
