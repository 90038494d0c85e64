package jts.fleet.controller.cli;

import picocli.CommandLine.Option;

/** {@code -o text|json}: every command has a human view and a stable JSON view for scripts. */
public final class OutputOptions {
    public enum Format { text, json }

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    public boolean json() {
        return format == Format.json;
    }
}
