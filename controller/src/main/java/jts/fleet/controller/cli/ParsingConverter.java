package jts.fleet.controller.cli;

import java.util.function.Function;

import picocli.CommandLine;

/**
 * A CLI value read by the inventory's rule for it (durations, sizes), so the command line and the inventory accept
 * the same words: the rule's refusal becomes picocli's conversion error, a usage error (exit 2).
 */
abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {
    private final Function<String, T> rule;

    ParsingConverter(Function<String, T> rule) {
        this.rule = rule;
    }

    @Override
    public final T convert(String value) {
        try {
            return rule.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage() + hint(value));
        }
    }

    /** What the user may have meant, appended to the rule's message; empty when there is nothing to suggest. */
    String hint(String value) {
        return "";
    }
}
