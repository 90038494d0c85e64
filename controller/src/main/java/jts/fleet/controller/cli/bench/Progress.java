package jts.fleet.controller.cli.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jts.fleet.controller.cli.AppContext;

/** A progress line on stderr while hosts run (terminal only): done / running / elapsed. */
final class Progress implements AutoCloseable {
    private final AppContext context;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final long start = System.nanoTime();
    private final Thread ticker;

    Progress(AppContext context, int total, boolean enabled) {
        this.context = context;
        this.total = total;
        this.ticker = new Thread(this::tick, "jts-fleet-progress");
        this.ticker.setDaemon(true);
        if (enabled && context.terminal()) {
            ticker.start();
        }
    }

    void hostDone() {
        done.incrementAndGet();
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                context.err().printf("\r%d/%d hosts done, %d running, %02d:%02d elapsed ", done.get(), total,
                        total - done.get(), seconds / 60, seconds % 60);
                context.err().flush();
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (ticker.isAlive()) {
            ticker.interrupt();
            context.err().print("\r");
            context.err().flush();
        }
    }
}
