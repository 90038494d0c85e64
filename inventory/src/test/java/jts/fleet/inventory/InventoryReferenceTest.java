package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jts.fleet.inventory.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/INVENTORY.md is generated from the schema; a stale committed copy fails the build. */
class InventoryReferenceTest {
    /** Surefire runs in the module directory; the docs live at the top of the checkout. */
    private static final Path DOC = Path.of("..", "docs", "INVENTORY.md");

    @Test
    void committedReferenceMatchesTheSchema() throws IOException {
        Golden.check(DOC, InventoryReference.markdown(),
                "regenerate with mvn -o -pl inventory test -Dtest=InventoryReferenceTest -Djts.golden.update=true");
    }

    @Test
    void everyQueueAttributeAndDeviceClassIsDocumented() {
        String doc = InventoryReference.markdown();
        for (QueueAttribute a : QueueAttribute.values()) {
            assertThat(doc).contains("| `policy.tiers[].queue." + a.key() + "` |");
        }
        for (DeviceClass c : DeviceClass.values()) {
            assertThat(doc).contains("`" + c.key() + "`");
        }
        assertThat(doc).contains("| `hosts.<host>.port` | integer | ssh_config `Port`, else `22` | 1..65535 |");
    }

    /** The worked bastion example loads as written and its hops resolve from the inventory alone. */
    @Test
    void theWorkedBastionExampleLoadsWithItsJumpHosts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("fleet.yaml"), InventoryReference.BASTION_EXAMPLE);
        Inventory inventory = InventoryLoader.standard().loadFile(file);
        assertThat(inventory.select("prod")).extracting(HostSpec::name)
                .containsExactlyInAnyOrder("db-01", "db-02", "db-03", "db-04");
        assertThat(inventory.host("bastion").orElseThrow().access().proxyJump()).isEmpty();
        assertThat(inventory.host("db-03").orElseThrow().access().proxyJump()).extracting(JumpHost::describe)
                .containsExactly("ops@bastion.prod.example.com:22");
        assertThat(inventory.host("db-04").orElseThrow().access().proxyJump()).extracting(JumpHost::describe)
                .containsExactly("ops@bastion.prod.example.com:22", "ops@inner.prod.example.com:22");
        assertThat(inventory.host("db-03").orElseThrow().port()).isEqualTo(2222);
        assertThat(InventoryReference.markdown()).contains(InventoryReference.BASTION_EXAMPLE);
    }
}
