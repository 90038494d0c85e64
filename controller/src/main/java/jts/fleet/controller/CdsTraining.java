package jts.fleet.controller;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The training run of the start-up archives ({@code packaging/train-archives.sh}, run by {@code make build} and
 * the .deb's postinst): runs the one-shot commands users start most (status in both views, the Nagios check,
 * help, the inventory listing) against this machine through the embedded inventory, and loads the SSH client
 * and its crypto (sshj, the JDK's providers) so that the archive covers remote commands too. Connects nowhere. Each
 * command line goes the way {@link Main#main} sends it (Ctrl-C handling included), short of the exit.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(sink);
        String[][] lines = {
            {"--version"}, {"status"}, {"status", "-o", "json"}, {"check"}, {"--help"}, {"status", "--help"},
            {"inventory", "list"},
        };
        for (String[] line : lines) {
            Main.run(out, out, true, line);
        }
        // After the commands, not before: a method handle links by what is initialised at that moment, and the
        // archive then holds the shapes a one-shot status links (with the SSH classes initialised first, a local
        // status spun ~4 method handle forms at run time that the archive did not have).
        jts.fleet.controller.transport.SshPreload.warmUp();
    }
}
