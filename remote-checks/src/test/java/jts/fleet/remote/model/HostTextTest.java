package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class HostTextTest {
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> hostile() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("terminal title and colour",
                        "/mnt/\u001b]0;pwned\u0007\u001b[31mx", "/mnt/\\x1b]0;pwned\\x07\\x1b[31mx"),
                org.junit.jupiter.params.provider.Arguments.of("line injection", "/data\nCRITICAL - fake",
                        "/data\\nCRITICAL - fake"),
                org.junit.jupiter.params.provider.Arguments.of("carriage return and tab", "a\rb\tc", "a\\rb\\tc"),
                org.junit.jupiter.params.provider.Arguments.of("NUL and DEL", "a\u0000b\u007f", "a\\x00b\\x7f"),
                org.junit.jupiter.params.provider.Arguments.of("8-bit CSI", "x\u009b31m", "x\\x9b31m"),
                org.junit.jupiter.params.provider.Arguments.of("right-to-left override", "invoice\u202egpj.exe",
                        "invoice\\u202egpj.exe"),
                org.junit.jupiter.params.provider.Arguments.of("zero width and BOM", "a\u200bb\ufeff",
                        "a\\u200bb\\ufeff"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("hostile")
    void everyCharacterATerminalActsOnIsWrittenOut(String what, String host, String shown) {
        assertThat(HostText.escape(host)).as(what).isEqualTo(shown);
        assertThat(HostText.needsEscaping(host)).isTrue();
    }

    @Test
    void aRenderedViewKeepsItsLineBreaksAndLosesEverythingElse() {
        assertThat(HostText.escapeKeepingLines("host a\n  model \u001b[2J\r\n")).isEqualTo("host a\n  model \\x1b[2J\\r\n");
        String plain = "line one\nline two\n";
        assertThat(HostText.escapeKeepingLines(plain)).isSameAs(plain);
    }

    @Test
    void plainTextAndOtherScriptsStayAsTheyAre() {
        String plain = "/var/lib/postgresql ä ü é 数据 Σ \\ \"quoted\" [mq-deadline] none";
        assertThat(HostText.escape(plain)).isSameAs(plain);
        assertThat(HostText.needsEscaping(plain)).isFalse();
        assertThat(HostText.escape(null)).isNull();
    }
}
