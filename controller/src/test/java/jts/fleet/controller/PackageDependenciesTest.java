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
 * remote-checks ← controller), no import runs back up between controller packages or between remote-checks
 * packages (the package graph has no cycle), and every main package says what it holds in a package-info.java.
 */
class PackageDependenciesTest {
    /** Build everything and may import anything; nothing imports them. */
    static final Set<String> ENTRY_POINTS = Set.of("Main", "CdsTraining");

    static final Path CONTROLLER = Path.of("src/main/java");
    static final Path REMOTE_CHECKS = Path.of("../remote-checks/src/main/java");
    static final Path INVENTORY = Path.of("../inventory/src/main/java");

    @Test
    void noImportRunsBackUpBetweenControllerPackages() {
        PackageGraph graph = PackageGraph.read(CONTROLLER, "jts.fleet.controller", ENTRY_POINTS);
        assertThat(graph.nodes()).as("controller packages read").contains("jts.fleet.controller.cli",
                "jts.fleet.controller.shell", "jts.fleet.controller (entry)");
        assertThat(graph.cycles()).as("package cycles (each with the uses that close it)").isEmpty();
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
        // (inventory's sub-packages use InventoryException of the package above them, which uses them: not checked)
        assertThat(PackageGraph.read(REMOTE_CHECKS, "jts.fleet.remote", Set.of()).cycles())
                .as("package cycles in remote-checks").isEmpty();
    }

    @Test
    void everyMainPackageHasAPackageInfo() throws IOException {
        for (Path root : List.of(CONTROLLER, REMOTE_CHECKS, INVENTORY)) {
            assertThat(root).isDirectory();
            try (Stream<Path> dirs = Files.walk(root)) {
                List<Path> missing = dirs.filter(Files::isDirectory).filter(PackageDependenciesTest::holdsClasses)
                        .filter(dir -> !Files.exists(dir.resolve("package-info.java"))).map(root::relativize).toList();
                assertThat(missing).as("packages without package-info.java under %s", root).isEmpty();
            }
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
