package jts.fleet.controller.shell;

import jts.fleet.controller.Main;

/**
 * {@code jts-fleet} from the test class path, as the launcher runs it ({@link Main}, which registers the shell): for
 * SshAccessIT's pseudo-terminal and process runs, which need the test JVM's class path and environment.
 */
public final class ShellLauncher {
    private ShellLauncher() {
    }

    public static void main(String[] args) {
        Main.main(args);
    }
}
