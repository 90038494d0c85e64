package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "abc|'abc'",
            "\"\"|''",
            "it's|'it'\\''s'",
            "''|''\\'''\\'''",
            "a b|'a b'",
            "$HOME|'$HOME'",
    })
    void quotesExactly(String word, String expected) {
        assertThat(ShellQuote.quote(word)).isEqualTo(expected);
    }

    /** The real test: /bin/sh must give back every word byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "", "it's", "'", "''", "\"double\"", "$(id)", "`id`", "a\\b", "*", "?",
            "~", "semi;colon", "pipe|amp&", "new\nline", "tab\there", "  lead and trail  ", "!bang", "-n",
            "é ü 日本",
            "#comment", "x'; touch /tmp/jts-pwned; echo '"})
    void shellGivesTheWordBack(String word) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellQuote.quote(word)).start();
        byte[] out = sh.getInputStream().readAllBytes();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(word);
    }

    @Test
    void joinQuotesEveryWord() {
        assertThat(ShellQuote.join(List.of("a", "b c", "d'e"))).isEqualTo("'a' 'b c' 'd'\\''e'");
    }

    @Test
    void nulIsRefused() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a shell word cannot contain NUL: a\\0b");
    }
}
