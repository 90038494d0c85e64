package jts.fleet.controller.cli;

import java.time.Duration;

import jts.fleet.inventory.DurationParser;
import picocli.CommandLine;

/** Durations such as {@code 500ms}, {@code 1s}, {@code 2m} everywhere in the CLI. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
