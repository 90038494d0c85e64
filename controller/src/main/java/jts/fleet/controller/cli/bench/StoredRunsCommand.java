package jts.fleet.controller.cli.bench;

import java.util.function.Supplier;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.bench.BenchStore;
import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.remote.model.HostText;
import picocli.CommandLine.Mixin;

/**
 * A command that reads stored runs and prints one view of them ({@code bench list}, {@code show}, {@code compare}):
 * the store, {@code -o}, no host reached.
 */
abstract class StoredRunsCommand extends AppCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    StoreOption store;

    @Override
    public Integer call() throws Exception {
        return show(store.open());
    }

    /** The view of {@code results} this command prints; its exit code. */
    abstract int show(BenchStore results) throws Exception;

    /** {@code document} with {@code -o json}, else the text view (what hosts wrote in it escaped); exit 0. */
    int print(Object document, Supplier<String> text) {
        context.out().print(output.json() ? Json.pretty(document) + "\n" : HostText.escapeKeepingLines(text.get()));
        return ExitCodes.OK;
    }
}
