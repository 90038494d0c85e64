package jts.fleet.controller.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Outcome of one remote command. */
public record ExecResult(int exitCode, byte[] stdout, String stderr, Duration elapsed) {
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return exitCode == 0;
    }
}
