package jts.fleet.inventory;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose constants are written as words in policies, JSON, records and metric labels: {@link #key()} is
 * the word (the name in lower case unless the enum says otherwise; {@link Hyphenated}: with {@code -} for {@code _})
 * and {@link #parse} the constant a word names. One rule for every such enum of every module, so a word is never
 * spelled two ways.
 */
public interface Keyed {
    /** A keyed enum whose words join their parts with {@code -}: {@code not-applicable} for {@code NOT_APPLICABLE}. */
    interface Hyphenated extends Keyed {
        @Override
        default String key() {
            return Keyed.super.key().replace('_', '-');
        }
    }

    /** The constant's name ({@link Enum#name()}). */
    String name();

    /** The written word, e.g. {@code nvme} for {@code NVME}. */
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose {@link #key()} is {@code key}, empty for any other word. */
    static <E extends Enum<E> & Keyed> Optional<E> parse(Class<E> type, String key) {
        for (E constant : type.getEnumConstants()) {
            if (constant.key().equals(key)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
