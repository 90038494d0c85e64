package jts.fleet.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of a source tree uses which, read from the sources: imports and fully qualified names in code
 * (comments and string literals do not count). Classes named as entry points form a node of their own, so that a
 * package's entry point (which builds everything) and its base types (which everything uses) are not one node.
 */
final class PackageGraph {
    /** One use of another package: where it stands and what it names. */
    record Use(String from, String to, Path file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    private final Map<String, Map<String, Use>> edges = new TreeMap<>();
    private final Set<String> nodes = new TreeSet<>();

    private PackageGraph() {
    }

    /**
     * Reads every .java file below {@code sourceRoot} whose package starts with {@code prefix}. A reference to a
     * class named in {@code entryPoints} (simple names of classes in {@code prefix}'s own package) goes to the node
     * {@code prefix + " (entry)"}, as do those classes' own references.
     */
    static PackageGraph read(Path sourceRoot, String prefix, Set<String> entryPoints) {
        PackageGraph graph = new PackageGraph();
        Pattern reference = Pattern.compile("\\b" + Pattern.quote(prefix) + "((?:\\.[a-z_][a-z0-9_]*)*)\\.([A-Z]\\w*|\\*)");
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String pkg = packageOf(file, sourceRoot);
                if (!pkg.equals(prefix) && !pkg.startsWith(prefix + ".")) {
                    continue;
                }
                String className = file.getFileName().toString().replace(".java", "");
                String from = node(pkg, className, prefix, entryPoints);
                graph.nodes.add(from);
                String code = codeOnly(text);
                Matcher m = reference.matcher(code);
                while (m.find()) {
                    String to = node(prefix + m.group(1), m.group(2), prefix, entryPoints);
                    if (!to.equals(from)) {
                        int line = lineOf(code, m.start());
                        graph.edges.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to,
                                new Use(from, to, sourceRoot.relativize(file), line, m.group()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String node(String pkg, String className, String prefix, Set<String> entryPoints) {
        return pkg.equals(prefix) && entryPoints.contains(className) ? prefix + " (entry)" : pkg;
    }

    private static String packageOf(Path file, Path sourceRoot) {
        Path dir = sourceRoot.relativize(file).getParent();
        return dir == null ? "" : dir.toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    private static int lineOf(String text, int offset) {
        return 1 + (int) text.chars().limit(offset).filter(ch -> ch == '\n').count();
    }

    /**
     * The source with comments, string literals, text blocks and character literals blanked out (line breaks
     * kept, so offsets still give line numbers).
     */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = blank(source, i, end < 0 ? n : end + 2, out);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                i = blank(source, i, Math.min(n, end + 3), out);
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                i = blank(source, i, Math.min(n, end + 1), out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(String source, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            out.append(source.charAt(i) == '\n' ? '\n' : ' ');
        }
        return to;
    }

    Set<String> nodes() {
        return nodes;
    }

    /** The packages {@code from} uses, each with the first place it does. */
    Map<String, Use> uses(String from) {
        return edges.getOrDefault(from, Map.of());
    }

    /**
     * Every cycle, as the strongly connected components of more than one node (Tarjan), each with the uses that
     * join its nodes; empty when the graph is acyclic.
     */
    List<List<Use>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String node : nodes) {
            if (!index.containsKey(node)) {
                connect(node, index, low, stack, onStack, components, counter);
            }
        }
        List<List<Use>> cycles = new ArrayList<>();
        for (Set<String> component : components) {
            if (component.size() > 1) {
                List<Use> uses = new ArrayList<>();
                for (String from : component) {
                    uses(from).forEach((to, use) -> {
                        if (component.contains(to)) {
                            uses.add(use);
                        }
                    });
                }
                cycles.add(uses);
            }
        }
        return cycles;
    }

    private void connect(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> components, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : uses(node).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, onStack, components, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
