package jts.fleet.remote.systemd;

import java.util.List;
import java.util.Optional;

/** A {@code [Name]} section with its lines in the order they are written. */
public record UnitSection(String name, List<UnitLine> lines) {
    public UnitSection {
        if (!name.matches("[A-Z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("systemd section name must be like \"Service\": \"" + name + "\"");
        }
        lines = List.copyOf(lines);
    }

    /** The last value of {@code key} (systemd's "last one wins" for single-valued settings). */
    public Optional<String> value(String key) {
        Optional<String> last = Optional.empty();
        for (UnitLine line : lines) {
            if (line instanceof UnitLine.Setting s && s.key().equals(key)) {
                last = Optional.of(s.value());
            }
        }
        return last;
    }
}
