package jts.fleet.controller.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code -v}/{@code --verbose} and {@code --log-file}: what sshj and the engine log, and where. Logging goes
 * through SLF4J to slf4j-simple, silent unless asked (simplelogger.properties). {@code -v}: the engine's steps
 * (each host's start and outcome, every remote command with its exit status and time) and sshj's connection
 * events; {@code -vv}: everything at debug level, sshj's packets included. Without {@code -v}, {@code --log-file}
 * logs what {@code -v} would, into the file. Must run before the first logger is made (the first command of a
 * process); later calls change nothing.
 */
public final class Logging {
    private static volatile boolean configured;

    private Logging() {
    }

    /** {@code verbosity}: how many {@code -v}; {@code logFile}: where to write instead of stderr. */
    public static synchronized void configure(int verbosity, Optional<Path> logFile) {
        if (configured || (verbosity == 0 && logFile.isEmpty())) {
            return;
        }
        configured = true;
        int level = Math.max(verbosity, 1);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level >= 2 ? "debug" : "warn");
        System.setProperty(jts.fleet.controller.fleet.EngineLog.LEVEL_PROPERTY, level >= 2 ? "trace" : "debug");
        System.setProperty("org.slf4j.simpleLogger.log.net.schmizz", level >= 2 ? "debug" : "info");
        System.setProperty("org.slf4j.simpleLogger.log.com.hierynomus", level >= 2 ? "debug" : "info");
        logFile.ifPresent(f -> {
            try {
                // what sshj and the engine log names hosts and users: 0600 whatever the umask (OwnFiles)
                jts.fleet.controller.OwnFiles.createFile(f.toAbsolutePath(), jts.fleet.controller.OwnFiles.Access.PRIVATE);
            } catch (java.io.IOException e) {
                // the logger reports the file it cannot open
            }
            System.setProperty("org.slf4j.simpleLogger.logFile", f.toAbsolutePath().toString());
        });
    }

    /** True once {@code -v} or {@code --log-file} was given: internal errors then print their stack trace. */
    public static boolean enabled() {
        return configured;
    }
}
