package jts.fleet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency rules of docs/ARCHITECTURE.md, checked on the sources: modules point one way (inventory ←
 * remote-checks ← controller), no import runs back up between the packages of a module (no cycle; in the
 * controller, none up its layers), and every main package says what it holds in a package-info.java.
 */
class PackageDependenciesTest {
    /** Build everything and may import anything; nothing imports them. */
    static final Set<String> ENTRY_POINTS = Set.of("Main", "CdsTraining");

    static final Path CONTROLLER = Path.of("src/main/java");
    static final Path REMOTE_CHECKS = Path.of("../remote-checks/src/main/java");
    static final Path INVENTORY = Path.of("../inventory/src/main/java");

    /**
     * The controller's packages from the top down (docs/ARCHITECTURE.md, "Dependency rules"): a package may use its
     * own layer's and those below, never one above. A package not named stands where its nearest named parent
     * stands ({@code transport.auth} with {@code transport}); {@code cli.*} names every command family that is
     * not named itself; the root package (ExitCodes, OwnFiles) is the bottom.
     */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("shell", "docs"),
            Set.of("cli.tree"),
            Set.of("cli.*"),
            Set.of("cli"),
            Set.of("change"),
            Set.of("tuning", "trim", "bench", "monitor"),
            Set.of("gather", "maintenance", "fleet"),
            Set.of("transport"),
            Set.of(""));

    @Test
    void noImportRunsBackUpBetweenControllerPackages() {
        PackageGraph graph = PackageGraph.read(CONTROLLER, "jts.fleet.controller", ENTRY_POINTS);
        assertThat(graph.nodes()).as("controller packages read").contains("jts.fleet.controller.cli",
                "jts.fleet.controller.shell", "jts.fleet.controller (entry)");
        assertThat(graph.cycles()).as("package cycles (each with the uses that close it)").isEmpty();
    }

    @Test
    void noImportRunsBackUpTheControllerLayers() {
        PackageGraph graph = PackageGraph.read(CONTROLLER, "jts.fleet.controller", ENTRY_POINTS);
        assertThat(usesUpTheLayers(graph, "jts.fleet.controller", LAYERS))
                .as("uses of a package in a higher layer (or in none: add it to LAYERS and docs/ARCHITECTURE.md)")
                .isEmpty();
    }

    @Test
    void theShellIsAFrontEndAboveTheCommands() {
        PackageGraph graph = PackageGraph.read(CONTROLLER, "jts.fleet.controller", ENTRY_POINTS);
        assertThat(graph.uses("jts.fleet.controller.cli")).as("cli uses").doesNotContainKey("jts.fleet.controller.shell");
        assertThat(graph.uses("jts.fleet.controller (entry)")).as("Main registers the shell")
                .containsKey("jts.fleet.controller.shell");
    }

    @Test
    void noPackageImportsTheEntryPoints() {
        PackageGraph graph = PackageGraph.read(CONTROLLER, "jts.fleet.controller", ENTRY_POINTS);
        for (String node : graph.nodes()) {
            assertThat(graph.uses(node)).as("%s uses", node).doesNotContainKey("jts.fleet.controller (entry)");
        }
    }

    @Test
    void modulesPointOneWay() {
        assertThat(usesOf(INVENTORY, "jts.fleet.inventory", "jts.fleet.remote")).as("inventory uses remote-checks")
                .isEmpty();
        assertThat(usesOf(INVENTORY, "jts.fleet.inventory", "jts.fleet.controller")).as("inventory uses controller")
                .isEmpty();
        assertThat(usesOf(REMOTE_CHECKS, "jts.fleet.remote", "jts.fleet.controller")).as("remote-checks uses controller")
                .isEmpty();
        assertThat(PackageGraph.read(REMOTE_CHECKS, "jts.fleet.remote", Set.of()).cycles())
                .as("package cycles in remote-checks").isEmpty();
        // ssh_config and Ansible readers stand on inventory.source (errors, YAML, bounded text), as the model does
        assertThat(PackageGraph.read(INVENTORY, "jts.fleet.inventory", Set.of()).cycles())
                .as("package cycles in inventory").isEmpty();
    }

    @Test
    void everyMainPackageHasAPackageInfo() throws IOException {
        for (Path root : List.of(CONTROLLER, REMOTE_CHECKS, INVENTORY)) {
            assertThat(root).isDirectory();
            assertThat(packagesWithoutInfo(root)).as("packages without package-info.java under %s", root).isEmpty();
        }
    }

    // The checker itself: a cycle is found and named with its places; comments and strings are not uses.

    @Test
    void aCycleIsFoundWithThePlacesThatCloseIt(@TempDir Path dir) throws IOException {
        write(dir, "x/a/A.java", "package x.a;\n\nimport x.b.B;\n\nclass A { B b; }\n");
        write(dir, "x/b/B.java", "package x.b;\n\nclass B {\n    Object a = x.a.A.class;\n}\n");
        write(dir, "x/c/C.java", "package x.c;\n\nimport x.a.A;\n\nclass C { A a; }\n");
        List<List<PackageGraph.Use>> cycles = PackageGraph.read(dir, "x", Set.of()).cycles();
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0)).extracting(PackageGraph.Use::toString)
                .containsExactlyInAnyOrder(Path.of("x/a/A.java") + ":3: x.b.B", Path.of("x/b/B.java") + ":4: x.a.A");
    }

    @Test
    void commentsStringsAndEntryPointsDoNotMakeACycle(@TempDir Path dir) throws IOException {
        write(dir, "x/a/A.java", "package x.a;\n\nimport x.b.B;\n\nclass A { B b; }\n");
        write(dir, "x/b/B.java", "package x.b;\n\n/** See {@link x.a.A}. */\nclass B {\n    // x.a.A\n"
                + "    String s = \"x.a.A\";\n    String t = \"\"\"\n        x.a.A \\\"\"\" x.a.A\n        \"\"\";\n"
                + "    x.Base base;\n}\n");
        write(dir, "x/Base.java", "package x;\n\nclass Base {}\n");
        write(dir, "x/Main.java", "package x;\n\nclass Main { x.a.A a; x.b.B b; }\n");
        PackageGraph graph = PackageGraph.read(dir, "x", Set.of("Main"));
        assertThat(graph.cycles()).isEmpty();
        assertThat(graph.uses("x.b").keySet()).containsExactly("x");
        assertThat(graph.uses("x (entry)").keySet()).containsExactly("x.a", "x.b");
        // without the entry point split, Main and Base are one node, and x → x.a → x.b → x is a cycle
        assertThat(PackageGraph.read(dir, "x", Set.of()).cycles()).hasSize(1);
    }

    @Test
    void aPackageWithoutPackageInfoIsFound(@TempDir Path dir) throws IOException {
        write(dir, "x/package-info.java", "package x;\n");
        write(dir, "x/A.java", "package x;\n\nclass A {}\n");
        write(dir, "x/b/B.java", "package x.b;\n\nclass B {}\n");
        write(dir, "x/c/d/D.java", "package x.c.d;\n\nclass D {}\n");
        write(dir, "x/c/d/package-info.java", "package x.c.d;\n");
        Files.createDirectories(dir.resolve("x/empty"));
        assertThat(packagesWithoutInfo(dir)).containsExactly(Path.of("x/b"));
    }

    @Test
    void aUseUpTheLayersIsFoundWithItsPlace(@TempDir Path dir) throws IOException {
        write(dir, "x/top/T.java", "package x.top;\n\nimport x.low.L;\n\nclass T { L l; }\n");
        write(dir, "x/low/L.java", "package x.low;\n\nclass L {\n    x.top.sub.S s;\n}\n");
        write(dir, "x/top/sub/S.java", "package x.top.sub;\n\nclass S { x.Base b; x.stray.Z z; }\n");
        write(dir, "x/stray/Z.java", "package x.stray;\n\nclass Z {}\n");
        write(dir, "x/Base.java", "package x;\n\nclass Base {}\n");
        write(dir, "x/low/a/A.java", "package x.low.a;\n\nclass A { x.low.L l; x.low.b.B b; }\n");
        write(dir, "x/low/b/B.java", "package x.low.b;\n\nclass B { x.low.a.A a; }\n");
        PackageGraph graph = PackageGraph.read(dir, "x", Set.of());
        List<Set<String>> layers = List.of(Set.of("top"), Set.of("low.a"), Set.of("low.*"), Set.of("low"), Set.of(""));
        // low.a may use low.b (a layer below it) and low; low.b may not use low.a
        assertThat(usesUpTheLayers(graph, "x", layers)).containsExactly(
                Path.of("x/low/L.java") + ":4: x.top.sub.S", Path.of("x/low/b/B.java") + ":3: x.low.a.A",
                Path.of("x/top/sub/S.java") + ":3: x.stray.Z");
    }

    /**
     * Every use of a package above the user's layer in {@code layers} (top first; a name is the part after
     * {@code prefix.}, its sub-packages stand with it), and every use of or by a package in no layer; entry points
     * may use anything.
     */
    static List<String> usesUpTheLayers(PackageGraph graph, String prefix, List<Set<String>> layers) {
        List<String> wrong = new java.util.ArrayList<>();
        for (String from : graph.nodes()) {
            if (from.endsWith(" (entry)")) {
                continue;
            }
            int fromLayer = layerOf(from, prefix, layers);
            for (PackageGraph.Use use : graph.uses(from).values()) {
                int toLayer = layerOf(use.to(), prefix, layers);
                if (fromLayer < 0 || toLayer < 0 || toLayer < fromLayer) {
                    wrong.add(use.toString());
                }
            }
        }
        return wrong;
    }

    /**
     * Index of {@code pkg}'s layer (0 is the top), -1 when it is in none: the layer naming it, else the one naming
     * {@code parent.*}, else its parent's.
     */
    private static int layerOf(String pkg, String prefix, List<Set<String>> layers) {
        String name = pkg.equals(prefix) ? "" : pkg.startsWith(prefix + ".") ? pkg.substring(prefix.length() + 1) : null;
        while (name != null) {
            int dot = name.lastIndexOf('.');
            String parent = dot < 0 ? null : name.substring(0, dot);
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i).contains(name) || (parent != null && layers.get(i).contains(parent + ".*"))) {
                    return i;
                }
            }
            name = parent;
        }
        return -1;
    }

    /** Directories below {@code root} that hold .java files but no package-info.java, relative to it. */
    static List<Path> packagesWithoutInfo(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            return dirs.filter(Files::isDirectory).filter(PackageDependenciesTest::holdsClasses)
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java"))).map(root::relativize).sorted()
                    .toList();
        }
    }

    private static List<String> usesOf(Path root, String prefix, String forbidden) {
        PackageGraph graph = PackageGraph.read(root, "jts.fleet", Set.of());
        return graph.nodes().stream().filter(n -> n.startsWith(prefix))
                .flatMap(n -> graph.uses(n).values().stream())
                .filter(use -> use.to().startsWith(forbidden)).map(PackageGraph.Use::toString)
                .collect(Collectors.toList());
    }

    private static boolean holdsClasses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
