package jts.fleet.remote.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DiskStatsTest {

    @ParameterizedTest(name = "{0}: {1} is {2}")
    @CsvSource({
            "k4.15-14fields.a, sda, BASIC_14",
            "k4.15-14fields.a, sda2, PARTITION_7",
            "k5.4-18fields.a, nvme0n1, DISCARDS_18",
            "k6.18-20fields.a, vda, FLUSHES_20",
    })
    void layoutFollowsFieldCount(String fixture, String device, DiskStatsLayout layout) throws Exception {
        assertThat(Fixtures.sample(fixture).devices().get(device).layout()).isEqualTo(layout);
    }

    @Test
    void twentyFieldLineMapsEveryCounter() throws Exception {
        DiskCounters vda = Fixtures.sample("k6.18-20fields.a").devices().get("vda");
        assertThat(vda).isEqualTo(new DiskCounters(254, 0, "vda", DiskStatsLayout.FLUSHES_20,
                147555, 13510, 6116570, 37840, 70051, 33297, 4977088, 21109, 0, 10560, 59988,
                9131, 26, 358784, 559, 12907, 479));
    }

    @Test
    void eighteenFieldLineHasNoFlushes() throws Exception {
        DiskCounters n = Fixtures.sample("k5.4-18fields.a").devices().get("nvme0n1");
        assertThat(n.discardsCompleted()).isEqualTo(10);
        assertThat(n.sectorsDiscarded()).isEqualTo(2048);
        assertThat(n.flushesCompleted()).isZero();
        assertThat(n.layout().hasFlushes()).isFalse();
    }

    @Test
    void moreFieldsThanKnownAreReadAsTheNewestLayout() throws Exception {
        Map<String, DiskCounters> m = DiskStats.parse(
                " 8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19\n");
        assertThat(m.get("sda").layout()).isEqualTo(DiskStatsLayout.FLUSHES_20);
        assertThat(m.get("sda").flushTimeMs()).isEqualTo(17);
    }

    @Test
    void unsignedSixtyFourBitCountersParse() throws Exception {
        // a long-running host can exceed Long.MAX_VALUE in no field realistically, but values above 2^63 are
        // legal unsigned text and must not abort the whole sample
        Map<String, DiskCounters> m = DiskStats.parse(" 8 0 sda 18446744073709551615 0 0 0 0 0 0 0 0 0 0\n");
        assertThat(m.get("sda").readsCompleted()).isEqualTo(-1L); // bit pattern of 2^64-1
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            " 8 0 sda 1 2 3|host1: line 1: 6 fields, expected 7, 14, 18 or 20",
            " 8 0 sda 1 2 x 4 5 6 7 8 9 10 11|host1: line 1: field 6 of sda is not a counter: \"x\"",
            " 8 0 s$(rm) 1 2 3 4 5 6 7 8 9 10 11|host1: line 1: bad device name",
    })
    void garbageNamesHostLineAndField(String text, String message) {
        assertThatThrownBy(() -> DiskStats.parse("host1", text))
                .isInstanceOf(DiskStatsException.class).hasMessageContaining(message);
    }

    @Test
    void missingUptimeLineIsReported() {
        assertThatThrownBy(() -> Sample.parse("db-01", " 8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"))
                .isInstanceOf(DiskStatsException.class)
                .hasMessageStartingWith("db-01: line 1: expected /proc/uptime");
    }

    @Test
    void errorLineNumbersCountTheUptimeLine() {
        assertThatThrownBy(() -> Sample.parse("db-01", "1.0 2.0\n 8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n 8 1 x 1\n"))
                .hasMessageStartingWith("db-01: line 3:");
    }

    @Test
    void multipathHeadName() {
        assertThat(Sample.multipathHead("nvme0c1n1")).isEqualTo("nvme0n1");
        assertThat(Sample.multipathHead("nvme12c3n4")).isEqualTo("nvme12n4");
        assertThat(Sample.multipathHead("nvme0n1")).isNull();
        assertThat(Sample.multipathHead("nvme0n1p1")).isNull();
    }
}
