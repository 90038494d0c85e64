package jts.fleet.controller.cli;

import jts.fleet.inventory.SizeParser;
import picocli.CommandLine;

/** Byte sizes such as {@code 4m}, {@code 512k} everywhere in the CLI. */
public final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return SizeParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
