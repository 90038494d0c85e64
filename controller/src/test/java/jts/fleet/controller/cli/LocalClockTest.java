package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

class LocalClockTest {
    @Test
    void theZoneIsTheSystemDefaultLookedUpWhenFirstAskedFor() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Chicago"));
            LocalClock clock = new LocalClock();
            // the default changes after the clock was made, before anything asked for its zone
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
            assertThat(clock.getZone()).as("looked up once, as Clock.systemDefaultZone() keeps its zone")
                    .isEqualTo(ZoneId.of("Asia/Tokyo"));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    /** The zone read ahead in the background is the one a local run's inventory (the embedded policy) asks for. */
    @Test
    void theZoneReadAheadIsTheEmbeddedPolicysBlackoutZone() throws Exception {
        var blackout = jts.fleet.inventory.InventoryLoader.standard().defaultPolicy().maintenance().blackout();
        assertThat(blackout).isNotEmpty()
                .allSatisfy(window -> assertThat(window.zone()).isEqualTo(ZoneId.of(LocalClock.POLICY_ZONE)));
    }

    @Test
    void tellsTheSystemTime() {
        LocalClock clock = new LocalClock();
        Instant now = Instant.now();
        assertThat(Duration.between(now, clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(Math.abs(clock.millis() - System.currentTimeMillis())).isLessThan(5_000);
        var utc = clock.withZone(ZoneOffset.UTC);
        assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(Duration.between(now, utc.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }
}
