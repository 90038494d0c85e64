package jts.fleet.remote.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A systemd unit file as data (after coreos/go-systemd {@code unit/}): a file name, header comments and ordered
 * sections of settings and comments. {@link #render()} is deterministic, so rendered units can be compared
 * byte for byte with golden files and by sha256 with what a host has installed.
 */
public record Unit(String fileName, List<String> header, List<UnitSection> sections) {

    public Unit {
        if (!fileName.matches("[A-Za-z0-9:_.@-]+\\.(service|timer|socket|path|mount|target|slice)")) {
            throw new IllegalArgumentException("not a systemd unit file name: \"" + fileName + "\"");
        }
        header = List.copyOf(header);
        for (String line : header) {
            requireSingleLine("header comment", line);
        }
        sections = List.copyOf(sections);
        List<String> seen = new ArrayList<>();
        for (UnitSection s : sections) {
            if (seen.contains(s.name())) {
                throw new IllegalArgumentException(fileName + ": section [" + s.name() + "] appears twice");
            }
            seen.add(s.name());
        }
    }

    public static Builder builder(String fileName) {
        return new Builder(fileName);
    }

    /**
     * A unit jts-fleet renders for {@code host} and pushes with {@code installCommand} (say {@code jts-fleet trim
     * install}): the header that says so and a [Unit] section with its description; the caller goes on from there.
     */
    public static Builder rendered(String fileName, String host, String installCommand, String description) {
        return builder(fileName)
                .header("Rendered by jts-fleet for " + host + "; `" + installCommand + "` overwrites it.")
                .section("Unit")
                .set("Description", description);
    }

    public Optional<UnitSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The file text: LF line ends, one blank line between blocks, ends with a newline. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        for (UnitSection section : sections) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append('[').append(section.name()).append("]\n");
            for (UnitLine line : section.lines()) {
                // Java 17: no pattern switch yet; the interface is sealed to these two
                if (line instanceof UnitLine.Setting s) {
                    out.append(s.key()).append('=').append(s.value()).append('\n');
                } else if (line instanceof UnitLine.Comment c) {
                    out.append(c.text().isEmpty() ? "#" : "# " + c.text()).append('\n');
                }
            }
        }
        return out.toString();
    }

    static void requireSingleLine(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException(what + ": control character at index " + i + " in \"" + text + "\"");
            }
        }
    }

    /** Collects sections in call order; {@code section} starts a new one, later calls add to it. */
    public static final class Builder {
        private final String fileName;
        private final List<String> header = new ArrayList<>();
        private final List<UnitSection> sections = new ArrayList<>();
        private String currentName;
        private List<UnitLine> current;

        private Builder(String fileName) {
            this.fileName = fileName;
        }

        public Builder header(String comment) {
            header.add(comment);
            return this;
        }

        public Builder section(String name) {
            flush();
            currentName = name;
            current = new ArrayList<>();
            return this;
        }

        public Builder set(String key, String value) {
            requireSection(key);
            current.add(new UnitLine.Setting(key, value));
            return this;
        }

        public Builder comment(String text) {
            requireSection("comment");
            current.add(new UnitLine.Comment(text));
            return this;
        }

        public Unit build() {
            flush();
            return new Unit(fileName, header, sections);
        }

        private void requireSection(String what) {
            if (current == null) {
                throw new IllegalStateException(fileName + ": " + what + " before the first section");
            }
        }

        private void flush() {
            if (current != null) {
                sections.add(new UnitSection(currentName, current));
                current = null;
            }
        }
    }
}
