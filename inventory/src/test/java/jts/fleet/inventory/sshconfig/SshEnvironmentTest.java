package jts.fleet.inventory.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SshEnvironmentTest {
    /** {@code %l}: this machine's host name as {@code gethostname()} gives it, here through {@code uname -n}. */
    @Test
    void theSystemEnvironmentHasThisMachinesHostName() throws Exception {
        Process uname = new ProcessBuilder("uname", "-n").redirectErrorStream(true).start();
        String expected = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(uname.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(expected).isNotEmpty();
        assertThat(SshEnvironment.system().localHostName()).isEqualTo(expected);
    }
}
