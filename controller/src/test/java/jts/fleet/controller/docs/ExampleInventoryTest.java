package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.InventoryLoader;

/** The example inventory shipped in /etc/jts-fleet must load as-is: a broken example is worse than none. */
class ExampleInventoryTest {
    private static final Path EXAMPLE = Path.of("..", "packaging", "inventory.yaml.example");

    @Test
    void shippedExampleLoadsWithTheEmbeddedPolicy() throws Exception {
        Inventory inventory = InventoryLoader.standard().loadFile(EXAMPLE);
        assertThat(inventory.hostNames()).containsExactlyInAnyOrder("db-01", "db-02", "db-03", "local");
        assertThat(inventory.select("prod:!db-03")).extracting(h -> h.name()).containsExactlyInAnyOrder("db-01", "db-02");
        assertThat(inventory.policy().tiers()).extracting(t -> t.name()).containsExactly("hot", "warm", "cold");
        assertThat(inventory.host("db-03").orElseThrow().port()).isEqualTo(2222);
    }
}
