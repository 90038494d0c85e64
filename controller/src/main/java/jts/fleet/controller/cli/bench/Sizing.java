package jts.fleet.controller.cli.bench;

import jts.fleet.controller.cli.UsageException;
import jts.fleet.remote.bench.BenchParameters;
import picocli.CommandLine.Option;

/** {@code --runtime} and {@code --size}, shared by bench run and experiment. */
public final class Sizing {
    @Option(names = "--runtime", paramLabel = "DURATION", defaultValue = "30s", converter = RuntimeConverter.class,
            description = "fio runtime per profile, whole seconds: 30s, 2m (default: ${DEFAULT-VALUE}).")
    int runtimeSeconds = 30;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "1g",
            description = "Test file size per job, e.g. 256m, 4g (default: ${DEFAULT-VALUE}).")
    String size = "1g";

    BenchParameters parameters() throws UsageException {
        try {
            return new BenchParameters(runtimeSeconds, BenchParameters.parseSize(size));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
