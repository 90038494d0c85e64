package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jts.fleet.remote.model.BlockDevice;

/**
 * A small evaluator of the udev rule grammar {@link UdevRules} writes, with udev's semantics for it: match keys
 * {@code ACTION SUBSYSTEM KERNEL DEVPATH ENV{..} ATTR{..} ATTRS{..}} with {@code ==} / {@code !=} and shell
 * globs ({@code * ? [...]}, {@code |} alternatives); assignments {@code ATTR{..}="v"} and {@code GOTO}, and
 * {@code LABEL} lines. An {@code ATTR} the device does not have never matches, with {@code !=} too (udev fails
 * the rule when the attribute cannot be read: why {@code ATTR{hidden}!="1"} never fired on kernels without
 * {@code hidden}). {@code UdevRuleMatcherIT} checks these semantics against real {@code udevadm test}.
 *
 * <p>Used to prove, per host, that the rules file assigns exactly the plan's values to exactly the plan's devices,
 * and by the renderer to find present devices a hotplug rule would catch that are not its tier's.
 */
public final class UdevRuleMatcher {
    private static final Pattern KEY = Pattern.compile(
            "\\s*([A-Z]+)(?:\\{([A-Za-z0-9_/.-]+)\\})?\\s*(==|!=|=|\\+=)\\s*\"([^\"]*)\"\\s*(?:,|$)");

    private UdevRuleMatcher() {
    }

    /** What a rule sees of one device: kernel name, devtype, devpath, its attributes, its parents', its properties. */
    public record Device(String kernel, String devtype, String devpath, Map<String, String> attributes,
                         Map<String, String> parentAttributes, Map<String, String> properties) {
        public Device {
            attributes = Map.copyOf(attributes);
            parentAttributes = Map.copyOf(parentAttributes);
            properties = Map.copyOf(properties);
        }

        /**
         * A gathered device as udev sees it on a change event: {@code queue/*} as read, {@code removable}, {@code
         * hidden} only when it is 1 (a kernel without the attribute is indistinguishable from 0 in the gather), the
         * sysfs WWN as a parent attribute {@code wwid}, udev's identity properties.
         */
        public static Device of(BlockDevice d) {
            Map<String, String> attributes = new LinkedHashMap<>();
            d.queue().forEach((k, v) -> attributes.put("queue/" + k, v));
            attributes.put("removable", d.removable() ? "1" : "0");
            if (d.hidden()) {
                attributes.put("hidden", "1");
            }
            Map<String, String> parents = new LinkedHashMap<>();
            Map<String, String> properties = new LinkedHashMap<>();
            d.wwn().ifPresent(w -> {
                if (w.startsWith("0x")) {
                    properties.put("ID_WWN_WITH_EXTENSION", w);
                } else {
                    parents.put("wwid", w);
                }
            });
            d.serial().ifPresent(s -> properties.put("ID_SERIAL_SHORT", s));
            properties.put("DEVTYPE", d.isPartition() ? "partition" : "disk");
            String devpath = d.sysfsPath().map(p -> p.startsWith("/sys/") ? p.substring(4) : p)
                    .orElse("/devices/virtual/block/" + d.name());
            return new Device(d.name(), d.isPartition() ? "partition" : "disk", devpath, attributes, parents,
                    properties);
        }
    }

    public record Key(String name, Optional<String> attribute, String op, String value) {
    }

    /** One rule line: its match keys, attribute assignments in order, an optional GOTO; or a LABEL line. */
    public record Rule(int line, String text, List<Key> matches, Map<String, String> assignments,
                       Optional<String> goTo, Optional<String> label) {
        public Rule {
            matches = List.copyOf(matches);
            assignments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        }
    }

    /** @throws IllegalArgumentException naming the line for anything outside the grammar above */
    public static List<Rule> parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<Key> matches = new ArrayList<>();
            Map<String, String> assignments = new LinkedHashMap<>();
            Optional<String> goTo = Optional.empty();
            Optional<String> label = Optional.empty();
            Matcher m = KEY.matcher(line);
            int at = 0;
            while (at < line.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new IllegalArgumentException("rules line " + (i + 1) + ": cannot read \"" + line.substring(at)
                            + "\"");
                }
                Key key = new Key(m.group(1), Optional.ofNullable(m.group(2)), m.group(3), m.group(4));
                switch (key.op()) {
                    case "==", "!=" -> matches.add(key);
                    case "=" -> {
                        switch (key.name()) {
                            case "ATTR" -> assignments.put(key.attribute().orElseThrow(), key.value());
                            case "GOTO" -> goTo = Optional.of(key.value());
                            case "LABEL" -> label = Optional.of(key.value());
                            default -> throw new IllegalArgumentException("rules line " + (i + 1)
                                    + ": assignment to " + key.name() + " is not in jts-fleet's grammar");
                        }
                    }
                    default -> throw new IllegalArgumentException("rules line " + (i + 1) + ": operator " + key.op()
                            + " is not in jts-fleet's grammar");
                }
                at = m.end();
            }
            rules.add(new Rule(i + 1, line, matches, assignments, goTo, label));
        }
        return rules;
    }

    /** Whether every match key of {@code rule} holds for {@code device} on a change event of {@code subsystem}. */
    public static boolean matches(Rule rule, Device device, String subsystem) {
        for (Key k : rule.matches()) {
            Optional<String> actual = switch (k.name()) {
                case "ACTION" -> Optional.of("change");
                case "SUBSYSTEM" -> Optional.of(subsystem);
                case "KERNEL" -> Optional.of(device.kernel());
                case "DEVPATH" -> Optional.of(device.devpath());
                case "ENV" -> Optional.of(device.properties().getOrDefault(k.attribute().orElseThrow(), ""));
                case "ATTR" -> Optional.ofNullable(device.attributes().get(k.attribute().orElseThrow()))
                        .map(String::stripTrailing);
                // a program's exit status cannot be known here: never a match on a gathered device
                case "PROGRAM" -> Optional.<String>empty();
                case "ATTRS" -> Optional.ofNullable(device.attributes().get(k.attribute().orElseThrow()))
                        .or(() -> Optional.ofNullable(device.parentAttributes().get(k.attribute().orElseThrow())))
                        .map(String::stripTrailing);
                default -> throw new IllegalArgumentException("match key " + k.name() + " is not in jts-fleet's grammar");
            };
            if (actual.isEmpty()) {
                return false; // an attribute that cannot be read fails the rule, whatever the operator
            }
            boolean equal = glob(k.value(), actual.get());
            if (equal != k.op().equals("==")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The attribute values {@code rules} leave on {@code device} after one event, applying rules in order and
     * following GOTO to its LABEL, with the line that set each value last. An assignment to an attribute the
     * device lacks has no effect.
     */
    public static Map<String, Assigned> evaluate(List<Rule> rules, Device device, String subsystem) {
        Map<String, Assigned> result = new LinkedHashMap<>();
        Optional<String> skipTo = Optional.empty();
        for (Rule r : rules) {
            if (skipTo.isPresent()) {
                if (r.label().equals(skipTo)) {
                    skipTo = Optional.empty();
                }
                continue;
            }
            if (r.label().isPresent() || !matches(r, device, subsystem)) {
                continue;
            }
            r.assignments().forEach((attribute, value) -> {
                // writing an attribute the device does not have fails (udev logs it): no effect
                if (device.attributes().containsKey(attribute)) {
                    result.put(attribute, new Assigned(value, r.line()));
                }
            });
            skipTo = r.goTo();
        }
        return result;
    }

    public record Assigned(String value, int line) {
    }

    /** udev's pattern match: shell glob with {@code * ? [...]}, alternatives split on {@code |}. */
    static boolean glob(String pattern, String value) {
        if (pattern.indexOf('|') < 0) {
            return globOne(pattern, value);
        }
        for (String alternative : pattern.split("\\|", -1)) {
            if (globOne(alternative, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean globOne(String glob, String value) {
        return jts.fleet.inventory.Glob.matches(glob, value);
    }
}
