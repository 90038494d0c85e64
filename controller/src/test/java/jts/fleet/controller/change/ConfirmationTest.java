package jts.fleet.controller.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;

/** When a changing command asks first: the whole inventory, or more hosts than the inventory's confirm_above. */
class ConfirmationTest {
    private static Inventory inventory(String defaults, int hosts) throws InventoryException {
        StringBuilder yaml = new StringBuilder(defaults).append("hosts:\n");
        for (int i = 1; i <= hosts; i++) {
            yaml.append("  db-").append(i).append(": {connection: local, groups: [")
                    .append(i % 2 == 0 ? "prod, even" : "prod").append("]}\n");
        }
        return InventoryLoader.standard().loadFromString(yaml.toString(), "test.yaml");
    }

    private static List<HostSpec> first(Inventory inventory, int n) {
        return inventory.hosts().values().stream().limit(n).toList();
    }

    @Test
    void theWholeInventoryOfSeveralHostsIsAskedWithItsGroups() throws InventoryException {
        Inventory inv = inventory("", 3);
        int above = inv.defaults().changeControl().confirmAbove();
        assertThat(above).isEqualTo(10);
        assertThat(Confirmation.question("apply", inv, first(inv, 3), above))
                .contains("apply to 3 hosts (prod, even)? [y/N] ");
        assertThat(Confirmation.question("apply", inv, first(inv, 2), above)).as("a part of it").isEmpty();
        Inventory single = inventory("", 1);
        assertThat(Confirmation.question("apply", single, first(single, 1), 10)).as("one host is not a slip").isEmpty();
        assertThat(Confirmation.question("apply", inv, List.of(), above)).as("nothing to change").isEmpty();
    }

    @Test
    void moreHostsThanConfirmAboveAreAsked() throws InventoryException {
        Inventory inv = inventory("defaults: {confirm_above: 2}\n", 5);
        int above = inv.defaults().changeControl().confirmAbove();
        assertThat(above).isEqualTo(2);
        assertThat(Confirmation.question("rollback", inv, first(inv, 2), above)).isEmpty();
        assertThat(Confirmation.question("rollback", inv, first(inv, 3), above))
                .contains("rollback to 3 hosts (prod, even)? [y/N] ");
    }

    @Test
    void theChangeFileAndItsRotationComeFromTheInventory() throws InventoryException {
        Inventory inv = inventory("defaults: {change_file: /srv/audit/changes.jsonl, change_file_max_size: 1m,"
                + " change_file_keep: 9}\n", 1);
        assertThat(inv.defaults().changeControl().file()).contains(java.nio.file.Path.of("/srv/audit/changes.jsonl"));
        assertThat(inv.defaults().changeControl().maxBytes()).isEqualTo(1L << 20);
        assertThat(inv.defaults().changeControl().keep()).isEqualTo(9);
        assertThat(ChangeJournals.forInventory(inv, jts.fleet.inventory.UserDirs.current()).file())
                .isEqualTo(java.nio.file.Path.of("/srv/audit/changes.jsonl"));
        assertThat(ChangeJournals.forInventory(inventory("", 1), jts.fleet.inventory.UserDirs.current()).file())
                .hasFileName("changes.jsonl").hasParent(jts.fleet.inventory.UserDirs.current().stateDir());
    }

    @Test
    void aConfirmAboveThatIsNotACountNamesTheLine() {
        assertThatThrownBy(() -> inventory("defaults: {confirm_above: -1}\n", 1))
                .isInstanceOf(InventoryException.class).hasMessageContaining("test.yaml:1")
                .hasMessageContaining("confirm_above");
    }

    @Test
    void yesIsYOrYesInAnyCase() {
        assertThat(List.of("y", "Y", " yes ", "YES")).allMatch(Confirmation::isYes);
        assertThat(List.of("", "n", "no", "yess", "ja")).noneMatch(Confirmation::isYes);
    }
}
