package jts.fleet.inventory.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YamlTreeTest {
    @Test
    void aTreeReadsBackAsTheNodesItWasWrittenFrom() throws Exception {
        YamlNode yaml = YamlReader.read("""
                plain: value with  two spaces
                "key with spaces and \\\\ backslash": x
                quoted: "line one\\nline two\\r\\n"
                empty: ""
                nothing:
                number: 0x10
                float: 2.50
                flag: yes
                block: |
                  first
                  second \\ kept
                trailing: "ends with a space "
                nested:
                  - [a, 1, {deep: [true, ~]}]
                  - {}
                  - []
                """, "t.yaml");

        String tree = YamlTree.write(yaml, "t.yaml");

        assertThat(YamlTree.read(tree, "t.yaml")).isEqualTo(yaml);
        assertThat(tree.lines()).hasSizeGreaterThan(20).allMatch(line -> !line.contains("\r"));
    }

    @Test
    void theSourceNamesTheNodesAsTheReaderWouldHave() throws Exception {
        YamlNode yaml = YamlReader.read("a:\n  b: 1\n", "x.yaml");

        YamlNode read = YamlTree.read(YamlTree.write(yaml, "x.yaml"), "<embedded x.yaml>");

        YamlNode.MapNode b = (YamlNode.MapNode) ((YamlNode.MapNode) read).get("a").orElseThrow();
        assertThat(b.get("b").orElseThrow().where()).isEqualTo("<embedded x.yaml>:2");
    }

    @Test
    void textThatIsNoTreeIsRefusedNamingWhereItBreaks() throws Exception {
        String tree = YamlTree.write(YamlReader.read("a: [1, 2]\n", "x.yaml"), "x.yaml");

        assertThatThrownBy(() -> YamlTree.read("a: 1\n", "r")).hasMessageContaining("r: not a YAML tree");
        assertThatThrownBy(() -> YamlTree.read(tree.substring(0, tree.lastIndexOf("S ")), "r"))
                .hasMessageContaining("r: malformed YAML tree").hasMessageContaining("ends early");
        assertThatThrownBy(() -> YamlTree.read(tree + "S 9 INT 3\n", "r"))
                .hasMessageContaining("text after the root node");
    }
}
