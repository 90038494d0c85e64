package jts.fleet.inventory.source;

/**
 * Whether jts-fleet's debug lines go anywhere: the CLI's {@code -v} and {@code --log-file} set {@link #PROPERTY}
 * (slf4j-simple's level of everything under {@code jts.fleet}) before anything logs; unset, nothing below INFO is
 * printed. Code that only logs at debug level asks this first and makes no logger otherwise: the first
 * {@code System.getLogger} starts java.util.logging, 12-25 ms of a cold remote {@code status} on a loaded machine,
 * spent on the note of Debian's default {@code Include /etc/ssh/ssh_config.d/*.conf} that matched no file.
 */
public final class DebugLog {
    /** The slf4j-simple level property of the {@code jts.fleet} loggers; unset means silent. */
    public static final String PROPERTY = "org.slf4j.simpleLogger.log.jts.fleet";

    private DebugLog() {
    }

    /** Whether a debug line would be printed or written anywhere. */
    public static boolean wanted() {
        return System.getProperty(PROPERTY) != null;
    }
}
