package jts.fleet.inventory;

import java.nio.file.Path;

import jts.fleet.inventory.source.InventoryException;

/** Loader and fixture helpers shared by the inventory tests. */
final class TestInventories {
    static final Path HOME = Path.of("/home/tester");

    private TestInventories() {
    }

    /** A loader whose implicit places are under {@code dir} (so the real /etc and cwd never leak in). */
    static InventoryLoader loader(Path dir) {
        return new InventoryLoader(dir, HOME, "tester", dir.resolve("etc/jts-fleet/inventory.yaml"));
    }

    static InventoryLoader loader() {
        return loader(Path.of("/nonexistent-jts-fleet-test-dir"));
    }

    static String resource(String name) {
        return InventoryLoader.resource("/jts/fleet/inventory/" + name);
    }

    static Inventory load(String resourceName) throws InventoryException {
        return loader().loadFromString(resource(resourceName), resourceName);
    }
}
