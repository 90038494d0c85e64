package jts.fleet.controller.fleet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jts.fleet.inventory.source.DebugLog;

/**
 * The engine's debug log ({@code jts.fleet.engine}), made only once {@code -v} or {@code --log-file} asked for
 * it (cli.Logging sets {@link #LEVEL_PROPERTY}): SLF4J's own start-up, a service-loader scan of the jar, was a
 * tenth of a local one-shot run's time, spent on a log that is off by default.
 */
public final class EngineLog {
    /** The slf4j-simple level property of everything under {@code jts.fleet}; unset means silent. */
    public static final String LEVEL_PROPERTY = DebugLog.PROPERTY;

    private EngineLog() {
    }

    static boolean debugEnabled() {
        return DebugLog.wanted() && Holder.LOG.isDebugEnabled();
    }

    static Logger log() {
        return Holder.LOG;
    }

    private static final class Holder {
        static final Logger LOG = LoggerFactory.getLogger("jts.fleet.engine");
    }
}
