package jts.fleet.controller.shell;

import jts.fleet.controller.cli.UsageException;
import picocli.CommandLine.Option;

/** {@code -i/--interval SECONDS} of {@code diskstats} and {@code top}: how far apart a host's two samples are. */
final class SampleInterval {
    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between the two samples, 1..3600 (default: ${DEFAULT-VALUE}).")
    int seconds = 1;

    /** The seconds given, refused as a usage error outside 1..3600 ({@link DiskSampling#checkedInterval}). */
    int checked() throws UsageException {
        return DiskSampling.checkedInterval(seconds);
    }
}
