package jts.fleet.remote.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IoStatTest {

    private static IoStat.Interval interval(String fixture) throws Exception {
        return IoStat.between(Fixtures.sample(fixture + ".a"), Fixtures.sample(fixture + ".b"), Map.of());
    }

    private static DeviceRates row(IoStat.Interval iv, String device) {
        return iv.devices().stream().filter(r -> r.device().equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + device + " in " + iv));
    }

    /** Expected figures computed by hand from the fixture counters (see the arithmetic in each file pair). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // fixture,            device,  r/s,  w/s,  rkB/s, wkB/s, r_await, w_await, aqu-sz, %util
            "k4.15-14fields,       sda,     200,  300,  2000,  4000,  0.5,     1.0,     0.6,    75",
            "k4.15-14fields,       sda1,    200,  300,  2000,  4000,  0.5,     1.0,     0.6,    75",
            "k4.15-14fields,       sda2,    2,    0,    8,     0,     0,       0,       0,      0",
            "k5.4-18fields,        nvme0n1, 1000, 1000, 4000,  4000,  0.2,     1.0,     1.2,    90",
            "k6.18-20fields,       vda,     10,   20,   40,    200,   2.0,     3.0,     0.1,    5",
            "k6.18-20fields,       loop0,   0,    0,    0,     0,     0,       0,       0,      0",
            "wrap-reset,           sdb,     496,  0,    4,     0,     0.002016129, 0,   0.001,  1",
            "nvme-mpath-zero-head, nvme0n1, 1000, 500,  4000,  2000,  0.14,    0.8,     0.64,   80",
            "nvme-mpath-own-head,  nvme0n1, 1000, 500,  4000,  2000,  0.1,     1.0,     0.6,    90",
    })
    void iostatFigures(String fixture, String device, double rs, double ws, double rkb, double wkb,
                       double rAwait, double wAwait, double aqu, double util) throws Exception {
        DeviceRates r = row(interval(fixture), device);
        assertThat(r.readsPerSec()).as("r/s").isCloseTo(rs, within(1e-9));
        assertThat(r.writesPerSec()).as("w/s").isCloseTo(ws, within(1e-9));
        assertThat(r.readKbPerSec()).as("rkB/s").isCloseTo(rkb, within(1e-9));
        assertThat(r.writeKbPerSec()).as("wkB/s").isCloseTo(wkb, within(1e-9));
        assertThat(r.readAwaitMs()).as("r_await").isCloseTo(rAwait, within(1e-6));
        assertThat(r.writeAwaitMs()).as("w_await").isCloseTo(wAwait, within(1e-9));
        assertThat(r.avgQueueSize()).as("aqu-sz").isCloseTo(aqu, within(1e-9));
        assertThat(r.utilPct()).as("%util").isCloseTo(util, within(1e-9));
    }

    /**
     * The iostat -x line for vda worked out by hand from k6.18-20fields (kernel 6.18, 20 fields, 5.00 s):
     * reads +50, merged +0, sectors +400, ticks +100; writes +100, merged +20, sectors +2000, ticks +300;
     * discards +0; flushes +50, ticks +100; io_ticks +250; time_in_queue +500.
     * r/s 50/5 = 10; rkB/s 400/2/5 = 40; r_await 100/50 = 2.00; w/s 100/5 = 20; wkB/s 2000/2/5 = 200;
     * wrqm/s 20/5 = 4; w_await 300/100 = 3.00; d/s 0; d_await 0.00; f/s 50/5 = 10; f_await 100/50 = 2.00;
     * aqu-sz 500/5/1000 = 0.10; %util 250/5/10 = 5.00.
     */
    @Test
    void matchesHandComputedIostatLine() throws Exception {
        DeviceRates vda = row(interval("k6.18-20fields"), "vda");
        assertThat(vda).usingRecursiveComparison().withComparatorForType(
                (Double x, Double y) -> Math.abs(x - y) < 1e-9 ? 0 : Double.compare(x, y), Double.class)
                .isEqualTo(new DeviceRates("vda", 10, 20, OptionalDouble.of(0), OptionalDouble.of(10),
                        40, 200, OptionalDouble.of(0), 0, 4, 2.0, 3.0, OptionalDouble.of(0), OptionalDouble.of(2.0),
                        0.1, 5.0, true, false));
    }

    @Test
    void discardFiguresFromEighteenFieldsAndNoFlushes() throws Exception {
        DeviceRates n = row(interval("k5.4-18fields"), "nvme0n1");
        assertThat(n.discardsPerSec()).hasValue(5.0);
        assertThat(n.discardKbPerSec()).hasValue(512.0);
        assertThat(n.discardAwaitMs()).hasValue(4.0);
        assertThat(n.flushesPerSec()).isEmpty();
        assertThat(n.flushAwaitMs()).isEmpty();
        assertThat(n.utilMeaningful()).as("NVMe %util").isFalse();
    }

    @Test
    void fourteenFieldsHaveNeitherDiscardsNorFlushes() throws Exception {
        DeviceRates sda = row(interval("k4.15-14fields"), "sda");
        assertThat(sda.discardsPerSec()).isEmpty();
        assertThat(sda.flushesPerSec()).isEmpty();
        assertThat(sda.utilMeaningful()).isTrue();
    }

    @Test
    void wrapsResetsAppearingAndVanishingDevices() throws Exception {
        IoStat.Interval iv = interval("wrap-reset");
        assertThat(iv.devices()).extracting(DeviceRates::device).containsExactly("sdb");
        // sdc went from 5000 to 10 reads: far from 2^32, so the device was re-added, not wrapped
        // loop0 changed minor 0 -> 4: a different device under the same name
        assertThat(iv.reset()).containsExactly("sdc", "loop0");
        assertThat(iv.vanished()).containsExactly("loop1");
        assertThat(iv.appeared()).containsExactly("loop2");
    }

    @Test
    void multipathPathsAreNeverRows() throws Exception {
        for (String f : new String[] {"nvme-mpath-zero-head", "nvme-mpath-own-head"}) {
            IoStat.Interval iv = interval(f);
            assertThat(iv.devices()).extracting(DeviceRates::device).as(f).containsExactly("nvme0n1");
        }
        assertThat(Fixtures.sample("nvme-mpath-zero-head.a").summedHeads()).containsExactly("nvme0n1");
        assertThat(Fixtures.sample("nvme-mpath-own-head.a").summedHeads()).isEmpty();
    }

    @Test
    void stackedAndParallelFromInfo() throws Exception {
        Sample a = Fixtures.sample("k4.15-14fields.a");
        Sample b = Fixtures.sample("k4.15-14fields.b");
        IoStat.Interval iv = IoStat.between(a, b, Map.of("sda", new DeviceInfo(true, false),
                "sda1", new DeviceInfo(false, true)));
        assertThat(row(iv, "sda").utilMeaningful()).isFalse();
        assertThat(row(iv, "sda1").stacked()).isTrue();
        assertThat(DeviceInfo.fromName("dm-3").stacked()).isTrue();
        assertThat(DeviceInfo.fromName("md127").stacked()).isTrue();
        assertThat(DeviceInfo.fromName("nvme1n1").parallel()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "100, 150, 50",
            "4294967000, 200, 496",
            "5000, 10, -1",
            "5000000000, 10, -1",
    })
    void counterDelta(long prev, long cur, long expected) {
        assertThat(IoStat.delta(prev, cur)).isEqualTo(expected);
    }

    @Test
    void clockNotAdvancingResetsEverything() throws Exception {
        Sample a = Fixtures.sample("k6.18-20fields.a");
        IoStat.Interval iv = IoStat.between(a, a, Map.of());
        assertThat(iv.devices()).isEmpty();
        assertThat(iv.reset()).contains("vda");
    }
}
