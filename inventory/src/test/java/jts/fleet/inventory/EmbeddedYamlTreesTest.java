package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import jts.fleet.inventory.source.YamlReader;
import jts.fleet.inventory.source.YamlTree;
import jts.fleet.inventory.sshconfig.SshEnvironment;
import jts.fleet.inventory.testing.Golden;

/**
 * The jar's embedded YAML is loaded from its pre-read tree ({@link InventoryLoader#TREE_SUFFIX}); the YAML stays the
 * source. Each committed tree is what {@link YamlReader} reads of its YAML now (a changed YAML fails here until its
 * tree is regenerated), and the loads from the trees equal loads of the YAML.
 */
class EmbeddedYamlTreesTest {
    private static final String REGENERATE =
            "regenerate with: mvn -o -q test -pl inventory -Dtest=EmbeddedYamlTreesTest -Djts.golden.update=true";

    @ParameterizedTest
    @ValueSource(strings = {InventoryLoader.DEFAULT_INVENTORY_RESOURCE, InventoryLoader.DEFAULT_POLICY_RESOURCE})
    void eachEmbeddedTreeIsWhatTheYamlReaderReadsOfItsYaml(String yamlResource) throws Exception {
        String name = yamlResource.substring(yamlResource.lastIndexOf('/') + 1);
        var fromYaml = YamlReader.read(InventoryLoader.resource(yamlResource), name);

        Golden.check(Path.of("src/main/resources" + yamlResource + InventoryLoader.TREE_SUFFIX),
                YamlTree.write(fromYaml, name), REGENERATE);
        assertThat(InventoryLoader.embedded(yamlResource, name)).isEqualTo(fromYaml);
    }

    @Test
    void theEmbeddedPolicyIsThePolicyItsYamlDescribes() throws Exception {
        var builder = new InventoryBuilder(TestInventories.HOME, "tester",
                SshConfigOptions.nothing(SshEnvironment.of(TestInventories.HOME, "tester")));
        Policy fromYaml = builder.standalonePolicy(YamlReader.read(
                InventoryLoader.resource(InventoryLoader.DEFAULT_POLICY_RESOURCE), "<embedded default-policy.yaml>"));

        assertThat(TestInventories.loader().defaultPolicy()).isEqualTo(fromYaml);
    }

    @Test
    void theEmbeddedInventoryIsTheInventoryItsYamlDescribes() throws Exception {
        InventoryLoader loader = TestInventories.loader();
        Inventory fromYaml = loader.loadFromString(
                InventoryLoader.resource(InventoryLoader.DEFAULT_INVENTORY_RESOURCE), InventoryLoader.EMBEDDED);

        assertThat(loader.loadDefault()).isEqualTo(fromYaml);
    }
}
