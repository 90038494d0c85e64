package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AppContextTest {
    private final AppContext context = new AppContext(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), false, Clock.systemUTC());

    @Test
    void theCommandLineIsMadeOnlyWhenAskedForAndOnlyOnce() {
        AtomicInteger made = new AtomicInteger();
        context.setCommandLine(() -> {
            made.incrementAndGet();
            return "jts-fleet apply -H 'db-*'";
        });
        assertThat(made).hasValue(0);

        assertThat(context.commandLine()).isEqualTo("jts-fleet apply -H 'db-*'");
        assertThat(context.commandLine()).isEqualTo("jts-fleet apply -H 'db-*'");
        assertThat(made).hasValue(1);
    }

    @Test
    void aCommandLineGivenAsTextReplacesTheLastOne() {
        assertThat(context.commandLine()).isEqualTo("jts-fleet");
        context.setCommandLine(() -> "jts-fleet status");
        context.setCommandLine("jts-fleet plan");
        assertThat(context.commandLine()).isEqualTo("jts-fleet plan");
    }
}
