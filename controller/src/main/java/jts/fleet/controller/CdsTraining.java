package jts.fleet.controller;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Run once by {@code make build} under {@code -XX:ArchiveClassesAtExit}: loads what a fleet command loads
 * (the CLI, the gather and its parsers, sshj and BouncyCastle) so the class-data-sharing archive covers them.
 * Connects nowhere.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        jts.fleet.controller.transport.Transports.warmUp();
        StringWriter sink = new StringWriter();
        Main.run(new PrintWriter(sink), new PrintWriter(sink), "status", "-o", "json");
        Main.run(new PrintWriter(sink), new PrintWriter(sink), "--help");
    }
}
