package jts.fleet.controller.cli.bench;

import java.time.Duration;

import jts.fleet.controller.cli.DurationConverter;

/** fio counts runtime in whole seconds: a duration ({@code 30s}, {@code 2m}) or a plain number of seconds. */
public final class RuntimeConverter implements picocli.CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        // the one duration rule of the CLI and the inventory: a unit is always written (DurationConverter)
        Duration d = new DurationConverter().convert(value);
        if (d.toSeconds() < 1 || d.toMillis() % 1000 != 0) {
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "': fio runs whole seconds, at least 1s");
        }
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }
}
