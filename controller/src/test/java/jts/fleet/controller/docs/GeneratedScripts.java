package jts.fleet.controller.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.remote.bench.BenchProfiles;

/** The two standalone scripts as the generator renders them now, and where they are committed. */
final class GeneratedScripts {
    static final Path SCRIPTS = Path.of("..", "scripts");
    static final Path STATUS = SCRIPTS.resolve("storage-status.sh");
    static final Path BENCHMARK = SCRIPTS.resolve("storage-benchmark.sh");

    private GeneratedScripts() {
    }

    static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = GeneratedScripts.class.getResourceAsStream("/jts/fleet/controller/version.properties")) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    static String status() throws IOException {
        return StandaloneScripts.status(version());
    }

    static String benchmark() throws IOException, InventoryException {
        return StandaloneScripts.benchmark(version(), BenchProfiles.embedded(), InventoryLoader.standard().defaultPolicy());
    }
}
