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
 *
 * <p>The inventory module logs through {@link System.Logger} (it has no SLF4J dependency: ssh_config notes such as
 * an ignored keyword, an Include that matched nothing). The JDK hands those to {@code java.util.logging}, silent
 * below INFO; {@link #configure} forwards the {@code jts.fleet} ones to SLF4J, so they appear with {@code -v} as
 * OpenSSH's {@code debug1} lines appear with {@code ssh -v}.
 */
public final class Logging {
    private static volatile boolean configured;
    /**
     * Held here: java.util.logging keeps only weak references to its loggers, and the level set on it would go. Made
     * only by {@link #configure} with logging on: a run without {@code -v} does not start java.util.logging.
     */
    private static java.util.logging.Logger jdkLogger;

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
        jdkLogger = java.util.logging.Logger.getLogger("jts.fleet");
        jdkLogger.setLevel(level >= 2 ? java.util.logging.Level.ALL : java.util.logging.Level.FINE);
        jdkLogger.setUseParentHandlers(false);
        jdkLogger.addHandler(new ToSlf4j());
    }

    /** A java.util.logging record of a {@code jts.fleet} logger, logged again by the SLF4J logger of that name. */
    static final class ToSlf4j extends java.util.logging.Handler {
        @Override
        public void publish(java.util.logging.LogRecord r) {
            org.slf4j.Logger target = org.slf4j.LoggerFactory.getLogger(r.getLoggerName());
            String message = r.getParameters() == null || r.getParameters().length == 0 ? r.getMessage()
                    : java.text.MessageFormat.format(r.getMessage(), r.getParameters());
            int level = r.getLevel().intValue();
            if (level >= java.util.logging.Level.SEVERE.intValue()) {
                target.error(message, r.getThrown());
            } else if (level >= java.util.logging.Level.WARNING.intValue()) {
                target.warn(message, r.getThrown());
            } else if (level >= java.util.logging.Level.INFO.intValue()) {
                target.info(message, r.getThrown());
            } else if (level >= java.util.logging.Level.FINE.intValue()) {
                target.debug(message, r.getThrown());
            } else {
                target.trace(message, r.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** True once {@code -v} or {@code --log-file} was given: internal errors then print their stack trace. */
    public static boolean enabled() {
        return configured;
    }
}
