package jts.fleet.controller.cli;

import jts.fleet.inventory.SizeParser;

/** Byte sizes such as {@code 4m}, {@code 512k} everywhere in the CLI, by the inventory's rule ({@link SizeParser}). */
public final class SizeConverter extends ParsingConverter<Long> {
    @Override
    Long parse(String value) {
        return SizeParser.parse(value);
    }
}
