package jts.fleet.inventory;

import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * The one null check of value records whose every component must be present: a record's compact constructor hands
 * all its components, in declaration order, to {@link #requireNonNull}, and a null is reported by the component's
 * name, like {@code Objects.requireNonNull(host, "host")} would. Optional values are {@code Optional}s, never null.
 */
public final class Components {
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private Components() {
    }

    /**
     * Checks that no component of a {@code type} being constructed is null.
     *
     * @param values every component of {@code type}, in the order the record declares them (primitives boxed)
     * @throws NullPointerException     naming the first component that is null
     * @throws IllegalArgumentException when {@code values} are not the record's components (a wrong count or a value
     *                                  of another type): a bug in the caller, found by its first test
     */
    public static void requireNonNull(Class<? extends Record> type, Object... values) {
        RecordComponent[] components = COMPONENTS.get(type);
        if (values.length != components.length) {
            throw new IllegalArgumentException(type.getSimpleName() + " has " + components.length
                    + " components, not " + values.length);
        }
        for (int i = 0; i < components.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(components[i].getName());
            }
            if (!boxed(components[i].getType()).isInstance(values[i])) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + components[i].getName() + " is a "
                        + components[i].getType().getSimpleName() + ", got " + values[i].getClass().getSimpleName()
                        + ": pass every component in declaration order");
            }
        }
    }

    /** {@code Integer} for {@code int}; any other type itself. */
    private static Class<?> boxed(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }
}
