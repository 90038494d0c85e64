package jts.fleet.controller.cli.bench;

import java.nio.file.Path;

import jts.fleet.controller.bench.BenchQueries;
import jts.fleet.controller.bench.BenchStore;
import picocli.CommandLine.Option;

/** {@code --store}: where benchmark results are stored on the controller. */
public final class StoreOption {
    @Option(names = "--store", paramLabel = "DIR",
            description = "Result store (default: $XDG_DATA_HOME/jts-fleet/bench or ~/.local/share/jts-fleet/bench).")
    Path store;

    BenchStore open() {
        return new BenchStore(store != null ? store
                : BenchStore.defaultRoot(jts.fleet.inventory.UserDirs.current()));
    }

    /** The stored runs, to list, show, compare and report. */
    BenchQueries queries() {
        return new BenchQueries(open());
    }
}
