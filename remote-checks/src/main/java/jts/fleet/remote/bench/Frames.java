package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The framed output of the bench host scripts: a header line {@code @@<header> 1}, then sections
 * {@code @@section NAME [KEY]} ... {@code @@end}. Unknown sections are kept (callers ignore them); a missing
 * header or an unterminated section is an error naming the source and line.
 */
public record Frames(List<Section> sections) {
    public record Section(String name, String key, String content, int line) {
        /** {@code key=value} lines of the content; later keys win, lines without '=' are skipped. */
        public Map<String, String> keyValues() {
            Map<String, String> map = new LinkedHashMap<>();
            for (String l : content.split("\n", -1)) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    map.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
            return map;
        }
    }

    public Frames {
        sections = List.copyOf(sections);
    }

    public Optional<Section> first(String name) {
        return sections.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    public Optional<Section> first(String name, String key) {
        return sections.stream().filter(s -> s.name.equals(name) && s.key.equals(key)).findFirst();
    }

    public List<Section> all(String name) {
        return sections.stream().filter(s -> s.name.equals(name)).toList();
    }

    public static Frames parse(String text, String header, String source) throws FioParseException {
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].equals("@@" + header + " 1")) {
            i++;
        }
        if (i == lines.length) {
            throw new FioParseException(source + ": no \"@@" + header + " 1\" header in the script output"
                    + (text.isBlank() ? " (empty)" : ""));
        }
        List<Section> sections = new ArrayList<>();
        for (i++; i < lines.length; i++) {
            String l = lines[i];
            if (!l.startsWith("@@section ")) {
                continue;
            }
            String[] parts = l.substring("@@section ".length()).split(" ", 2);
            int startLine = i + 1;
            StringBuilder content = new StringBuilder();
            boolean closed = false;
            for (i++; i < lines.length; i++) {
                if (lines[i].equals("@@end")) {
                    closed = true;
                    break;
                }
                if (content.length() > 0) {
                    content.append('\n');
                }
                content.append(lines[i]);
            }
            if (!closed) {
                throw new FioParseException(source + ": line " + startLine + ": section " + parts[0]
                        + " is not terminated by @@end (output truncated?)");
            }
            sections.add(new Section(parts[0], parts.length > 1 ? parts[1] : "", content.toString(), startLine));
        }
        return new Frames(sections);
    }
}
