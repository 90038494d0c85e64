package jts.fleet.inventory;

import java.util.List;
import java.util.Optional;

/**
 * The expected shape of a part of the inventory: a section with fixed keys, a map of user-chosen names, a list
 * or a scalar checked by a {@link ValueRule}. {@link InventorySchema} builds the whole tree from these.
 */
public sealed interface Shape {

    /**
     * The dotted path of {@code key} below {@code path} ({@code defaults.port}), as messages and origins name it. Here,
     * not in {@link InventorySchema}: building from the embedded inventory uses it without needing the schema's class.
     */
    static String keyPath(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A mapping with a fixed set of keys. */
    record Section(List<Field> fields) implements Shape {
        public Section {
            fields = List.copyOf(fields);
        }

        public Optional<Field> field(String key) {
            // loops, not streams: the schema check asks for every key of the inventory (see InventoryBuilder)
            for (Field field : fields) {
                if (field.key().equals(key)) {
                    return Optional.of(field);
                }
            }
            return Optional.empty();
        }

        public List<String> keys() {
            List<String> keys = new java.util.ArrayList<>(fields.size());
            for (Field field : fields) {
                keys.add(field.key());
            }
            return List.copyOf(keys);
        }
    }

    /** A mapping whose keys are names chosen by the user (hosts, groups, bench profiles). */
    record Named(String placeholder, ValueRule nameRule, Shape value) implements Shape {
    }

    record ListOf(Shape item) implements Shape {
    }

    /** One value or a list of them ({@code identity_file: KEY} or {@code identity_file: [KEY1, KEY2]}). */
    record OneOrList(Leaf item) implements Shape {
    }

    record Leaf(ValueRule rule) implements Shape {
    }

    /**
     * One key of a section. {@code defaultText} is what applies when the key is absent (for the reference);
     * {@code sameAs} makes the reference point at another documented key instead of repeating its contents.
     */
    record Field(String key, Shape shape, boolean required, String defaultText, String doc, String sameAs) {
        public static Field of(String key, Shape shape, String defaultText, String doc) {
            return new Field(key, shape, false, defaultText, doc, null);
        }

        public static Field required(String key, Shape shape, String doc) {
            return new Field(key, shape, true, "required", doc, null);
        }

        public static Field like(String key, Shape shape, String sameAs, String doc) {
            return new Field(key, shape, false, "none", doc, sameAs);
        }
    }
}
