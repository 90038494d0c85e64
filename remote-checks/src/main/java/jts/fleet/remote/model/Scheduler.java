package jts.fleet.remote.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The I/O scheduler of a queue: the current one and the ones the kernel offers for this device. */
public record Scheduler(String current, List<String> available) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    public Scheduler {
        available = List.copyOf(available);
    }

    /**
     * Parses {@code queue/scheduler}, e.g. {@code none [mq-deadline] kyber bfq}. A single unbracketed name
     * (older kernels, some dm devices) is the current one. Empty when the text is not a scheduler list.
     */
    public static Optional<Scheduler> parse(String text) {
        List<String> names = new ArrayList<>();
        String current = null;
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean selected = token.length() > 2 && token.startsWith("[") && token.endsWith("]");
            String name = selected ? token.substring(1, token.length() - 1) : token;
            if (!NAME.matcher(name).matches() || (selected && current != null)) {
                return Optional.empty();
            }
            if (selected) {
                current = name;
            }
            names.add(name);
        }
        if (current == null && names.size() == 1) {
            current = names.get(0);
        }
        return current == null ? Optional.empty() : Optional.of(new Scheduler(current, names));
    }

    public boolean offers(String name) {
        return available.contains(name);
    }
}
