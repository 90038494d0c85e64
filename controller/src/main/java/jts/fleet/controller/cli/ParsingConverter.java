package jts.fleet.controller.cli;

import picocli.CommandLine;

/**
 * A CLI value read by the inventory's rule for it (durations, sizes), so the command line and the inventory accept
 * the same words: the rule's refusal becomes picocli's conversion error, a usage error (exit 2). The rule is a method,
 * not a function object: a method reference here was a lambda class spun at every run's start (the class-data archive
 * did not hold it), one per converter.
 */
abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {
    @Override
    public final T convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage() + hint(value));
        }
    }

    /** The inventory's rule: the value, or {@code IllegalArgumentException} saying what is wrong. */
    abstract T parse(String value);

    /** What the user may have meant, appended to the rule's message; empty when there is nothing to suggest. */
    String hint(String value) {
        return "";
    }
}
