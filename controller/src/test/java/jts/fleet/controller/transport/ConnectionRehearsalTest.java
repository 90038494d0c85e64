package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * The class-data archive's training runs {@link ConnectionRehearsal} (through {@link SshPreload#warmUp()}); a failure
 * there costs the whole archive (train-archives.sh then writes none), so it must run through on any machine that
 * builds: loopback only, a private temporary key file, the JDK's providers.
 */
class ConnectionRehearsalTest {
    @Test
    void theRehearsalRunsThroughWithoutAServer() {
        assertThatCode(ConnectionRehearsal::run).doesNotThrowAnyException();
    }

    @Test
    void theWholeWarmUpRunsThrough() {
        assertThatCode(SshPreload::warmUp).doesNotThrowAnyException();
    }
}
