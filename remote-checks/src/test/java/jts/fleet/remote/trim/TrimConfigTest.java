package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.testing.Golden;

class TrimConfigTest {
    private static final Golden GOLDEN = Golden.under("jts/fleet/remote/trim/golden");


    static TrimConfig sample() {
        return new TrimConfig("db-01", List.of("/data", "/var/lib/postgresql/wal/", "//data", "/srv/with space"),
                List.of(TrimPolicies.NY_TRADING, TrimPolicies.LONDON_OVERNIGHT), 64L << 30,
                Optional.of("/var/lib/prometheus/node-exporter"), TrimPaths.STATE_DIR);
    }

    @Test
    void rendersGolden() throws IOException {
        GOLDEN.assertMatches("trim.conf", sample().render());
    }

    @Test
    void normalisesAndDeduplicatesMountPaths() {
        assertThat(sample().mounts()).containsExactly("/data", "/var/lib/postgresql/wal", "/srv/with space");
    }

    @Test
    void utcIsSpelledAsTzdataDoes() {
        var utc = new BlackoutWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(1, 0), LocalTime.of(2, 0), ZoneId.of("Z"));
        assertThat(TrimConfig.of("h", List.of("/x"), List.of(utc), Optional.empty()).render())
                .contains("\nblackout 1 0100 0200 UTC\n").doesNotContain("textfile_dir");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "/data/../etc", "/data/./x", "/data\nmount /", "/data\u0000"})
    void rejectsMountsTheScriptCouldMisread(String mount) {
        assertThatThrownBy(() -> TrimConfig.of("db-01", List.of(mount), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("trim config: mount");
    }

    @Test
    void rejectsFixedOffsetZonesTinyChunksAndOddHostNames() {
        var offset = new BlackoutWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(1, 0), LocalTime.of(2, 0),
                ZoneId.of("+02:00"));
        assertThatThrownBy(() -> TrimConfig.of("db-01", List.of("/x"), List.of(offset), Optional.empty()))
                .hasMessageContaining("+02:00 is a fixed offset");
        assertThatThrownBy(() -> new TrimConfig("db-01", List.of("/x"), List.of(), 4096, Optional.empty(), "/var/lib/x"))
                .hasMessageContaining("chunk size 4096 is below 1 MiB");
        assertThatThrownBy(() -> TrimConfig.of("db 01;rm", List.of("/x"), List.of(), Optional.empty()))
                .hasMessageContaining("host name \"db 01;rm\"");
    }
}
