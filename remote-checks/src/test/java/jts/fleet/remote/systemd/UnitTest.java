package jts.fleet.remote.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitTest {

    private static Unit sample() {
        return Unit.builder("demo.service")
                .header("Rendered by test")
                .section("Unit")
                .set("Description", "Demo")
                .section("Service")
                .comment("why the next line exists")
                .set("ExecStartPre", "/bin/true")
                .set("ExecStartPre", "/bin/echo second")
                .set("Type", "oneshot")
                .set("Type", "simple")
                .build();
    }

    @Test
    void rendersSectionsInOrderWithCommentsAndRepeatedKeys() {
        assertThat(sample().render()).isEqualTo("""
                # Rendered by test

                [Unit]
                Description=Demo

                [Service]
                # why the next line exists
                ExecStartPre=/bin/true
                ExecStartPre=/bin/echo second
                Type=oneshot
                Type=simple
                """);
    }

    @Test
    void renderingIsDeterministicAndEqualUnitsAreEqual() {
        assertThat(sample()).isEqualTo(sample());
        assertThat(sample().render()).isEqualTo(sample().render());
    }

    @Test
    void lastValueWinsForLookups() {
        assertThat(sample().section("Service").orElseThrow().value("Type")).contains("simple");
        assertThat(sample().section("Service").orElseThrow().value("Nice")).isEmpty();
        assertThat(sample().section("Timer")).isEmpty();
    }

    @Test
    void noHeaderMeansTheFileStartsWithTheFirstSection() {
        Unit unit = Unit.builder("a.timer").section("Timer").set("OnCalendar", "weekly").build();
        assertThat(unit.render()).isEqualTo("[Timer]\nOnCalendar=weekly\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Description=x", "lower", "Exec Start", ""})
    void rejectsKeysThatAreNotDirectiveNames(String key) {
        assertThatThrownBy(() -> new UnitLine.Setting(key, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    @Test
    void rejectsValuesThatWouldBreakTheLineStructure() {
        assertThatThrownBy(() -> new UnitLine.Setting("ExecStart", "/bin/true\n[Service]\nUser=root"))
                .hasMessageContaining("control character at index 9");
        assertThatThrownBy(() -> new UnitLine.Setting("ExecStart", "/bin/true \\"))
                .hasMessageContaining("backslash");
        assertThatThrownBy(() -> new UnitLine.Comment("a\nb")).hasMessageContaining("control character");
    }

    @Test
    void rejectsBadFileNamesDuplicateSectionsAndSettingsOutsideSections() {
        assertThatThrownBy(() -> Unit.builder("../x.service").build()).hasMessageContaining("../x.service");
        assertThatThrownBy(() -> Unit.builder("x.conf").build()).hasMessageContaining("x.conf");
        assertThatThrownBy(() -> Unit.builder("x.service").section("Unit").section("Unit").build())
                .hasMessageContaining("[Unit] appears twice");
        assertThatThrownBy(() -> Unit.builder("x.service").set("Type", "oneshot"))
                .hasMessageContaining("x.service: Type before the first section");
    }
}
