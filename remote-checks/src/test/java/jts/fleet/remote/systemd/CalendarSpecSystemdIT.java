package jts.fleet.remote.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jts.fleet.inventory.Maintenance;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.trim.TrimSchedule;

/**
 * {@link CalendarSpec} against the real thing: {@code systemd-analyze calendar --iterations=N --base-time=...}
 * under {@code TZ=UTC} and {@code TZ=America/New_York} must list the same elapses, over a year that holds both
 * daylight-saving changes (and the day of each).
 */
class CalendarSpecSystemdIT {
    private static final Pattern UTC_LINE = Pattern.compile(
            "(?:Next elapse|Iter\\. #\\d+|\\(in UTC\\)): \\w{3} (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) UTC");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static Path systemdAnalyze;

    @BeforeAll
    static void tool() {
        systemdAnalyze = Environment.requireTool("systemd-analyze");
    }

    /** The elapses systemd computes, in UTC. */
    static List<Instant> systemd(String spec, String zone, Instant base, int iterations) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(systemdAnalyze.toString(), "calendar", "--iterations=" + iterations,
                "--base-time=" + FORMAT.format(base.atZone(ZoneOffset.UTC)) + " UTC", spec);
        pb.environment().put("TZ", zone);
        pb.environment().put("LC_ALL", "C");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("systemd-analyze calendar %s: %s", spec, out).isZero();
        List<Instant> elapses = new ArrayList<>();
        Matcher m = UTC_LINE.matcher(out);
        while (m.find()) {
            elapses.add(LocalDateTime.parse(m.group(1), FORMAT).toInstant(ZoneOffset.UTC));
        }
        return elapses;
    }

    @ParameterizedTest(name = "{0} in TZ={1}")
    @CsvSource(delimiter = '|', value = {
        "Sat *-*-* 03:00:00 America/New_York | UTC              | 60",
        "Sat *-*-* 03:00:00 America/New_York | America/New_York | 60",
        "Sat *-*-* 03:00:00                  | UTC              | 60",
        "Sat *-*-* 03:00:00                  | America/New_York | 60",
        "*-*-* 02:30:00                      | America/New_York | 400",
        "*-*-* 01:30:00                      | America/New_York | 400",
        "Mon..Fri *-*-* 01:00 Europe/London  | America/New_York | 300",
        "Sun,Wed 23:45 UTC                   | America/New_York | 120",
        "*-1..3-1,15 4:5:06                  | UTC              | 40",
        "quarterly                           | America/New_York | 8",
        "weekly                              | UTC              | 60",
        "*-*-* *:0/15                        | America/New_York | 500",
    })
    void elapsesAreSystemds(String spec, String zone, int iterations) throws Exception {
        // from mid-January: the year ahead holds both changes in New York and London
        for (String baseText : List.of("2025-01-15T12:00:00Z", "2026-03-08T06:00:00Z", "2026-11-01T05:00:00Z")) {
            Instant base = Instant.parse(baseText);
            List<Instant> expected = systemd(spec, zone, base, iterations);
            assertThat(expected).as("systemd output for %s", spec).hasSize(iterations);
            List<Instant> actual = CalendarSpec.parse(spec).next(base, iterations, ZoneId.of(zone)).stream()
                    .map(t -> t.toInstant()).toList();
            assertThat(actual).as("%s in TZ=%s from %s", spec, zone, base).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Sat *-*-* 03:00:00",
        "Fri *-*-* 23:00:00 Europe/London",
    })
    void theRefusedDateIsOneSystemdReallyElapsesAt(String schedule) throws Exception {
        Maintenance policy = new Maintenance(List.of(new jts.fleet.inventory.BlackoutWindow(
                java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
                java.time.LocalTime.of(7, 0), java.time.LocalTime.of(22, 30), ZoneId.of("America/New_York"))),
                schedule, 10);
        Instant from = Instant.parse("2026-06-01T00:00:00Z");
        CalendarSpec spec = CalendarSpec.parse(schedule);
        var conflict = TrimSchedule.firstConflict(spec, policy.blackout(), from).orElseThrow();
        String zone = conflict.hostZone().map(ZoneId::getId).orElse("UTC");
        List<Instant> systemd = systemd(schedule, zone.equals("Z") ? "UTC" : zone, from, 60);
        assertThat(systemd).contains(conflict.elapse().toInstant());
        assertThat(systemd.stream().filter(t -> t.isBefore(conflict.elapse().toInstant()))
                .noneMatch(t -> policy.inBlackout(t.atZone(ZoneOffset.UTC))))
                .as("no earlier systemd elapse is inside the window").isTrue();
        assertThat(policy.inBlackout(conflict.elapse())).isTrue();
    }
}
