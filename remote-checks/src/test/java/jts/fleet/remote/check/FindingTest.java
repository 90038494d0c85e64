package jts.fleet.remote.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindingTest {
    @Test
    void theTextIsTheSubjectAndTheMessageOrTheMessageAlone() {
        assertThat(Finding.critical("db-01", "/data", "TRIM would have no effect").text())
                .isEqualTo("/data: TRIM would have no effect");
        assertThat(new Finding("db-01", Severity.WARNING, "sda read_ahead_kb 8192 != 128").text())
                .isEqualTo("sda read_ahead_kb 8192 != 128");
    }

    @Test
    void aLineNamesSeverityAndHostAndCannotBeSplitByWhatAHostSent() {
        Finding finding = Finding.warning("db-01", "/mnt/a\nCRITICAL db-02", "mounted with online discard");
        assertThat(finding.line()).isEqualTo("WARNING db-01: /mnt/a\\nCRITICAL db-02: mounted with online discard")
                .doesNotContain("\n");
    }

    @Test
    void theFactoriesGiveTheirSeverity() {
        assertThat(Finding.ok("h", "s", "m").severity()).isEqualTo(Severity.OK);
        assertThat(Finding.warning("h", "s", "m").severity()).isEqualTo(Severity.WARNING);
        assertThat(Finding.critical("h", "s", "m").severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void everyPartIsRequired() {
        assertThatThrownBy(() -> new Finding("h", null, "s", "m")).hasMessage("severity");
        assertThatThrownBy(() -> new Finding("h", Severity.OK, null, "m")).hasMessage("subject");
    }

    @Test
    void aKnownProblemOutranksAnUnknownOneAndTheExitCodesAreNagios() {
        assertThat(Severity.CRITICAL.rank()).isGreaterThan(Severity.WARNING.rank());
        assertThat(Severity.WARNING.rank()).isGreaterThan(Severity.UNKNOWN.rank());
        assertThat(Severity.UNKNOWN.rank()).isGreaterThan(Severity.OK.rank());
        assertThat(Severity.values()).extracting(Severity::exitCode).containsExactly(0, 1, 2, 3);
    }
}
