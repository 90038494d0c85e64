package jts.fleet.remote.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code use_sysroot} (host-common.sh), run by a real sh: what it accepts becomes the script's {@code $sysroot}, what it
 * refuses is named on stderr exactly as given (a refused value is shown, never interpreted: sh's echo would turn
 * {@code \n} into a line break) and the script exits 2.
 */
class UseSysrootScriptTest {
    private static final String SCRIPT = HostPrelude.spliced("#!/bin/sh\nsysroot=$1\nuse_sysroot probe\n"
            + "printf 'sysroot=[%s]\\n' \"$sysroot\"\n");

    private static String[] run(String sysroot) throws Exception {
        Process p = new ProcessBuilder(List.of("sh", "-c", SCRIPT, "jts-fleet", sysroot)).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished in 30 s").isTrue();
        return new String[] {Integer.toString(p.exitValue()),
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
            new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"/ | ", "/srv/fx | /srv/fx", "/srv/fx:1@a,b=c | /srv/fx:1@a,b=c"})
    void aSysrootItAcceptsBecomesTheScriptsOwn(String given, String kept) throws Exception {
        String[] r = run(given);
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).isEqualTo("sysroot=[" + (kept == null ? "" : kept) + "]\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/srv/a\\nb      | probe: refusing sysroot '/srv/a\\nb'",
            "/srv/a\\tb\\c   | probe: refusing sysroot '/srv/a\\tb\\c'",
            "//              | probe: refusing sysroot '//'",
            "/srv/../etc     | probe: refusing sysroot '/srv/../etc'",
            "srv/fx          | probe: sysroot must be an absolute path: srv/fx"})
    void aSysrootItRefusesIsNamedAsGivenAndTheScriptExits2(String given, String message) throws Exception {
        String[] r = run(given);
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).as("nothing after the refusal ran").isEmpty();
        assertThat(r[2]).isEqualTo(message + "\n");
    }
}
