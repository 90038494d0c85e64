package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jts.fleet.inventory.source.InventoryException;

/** Patterns over fleet.yaml: prod = db-01..03 + app-01, hot = db-01..03 + stage-db-01, stage = stage-db-01 + lab. */
class HostPatternTest {
    private static Inventory fleet;

    @BeforeAll
    static void load() throws InventoryException {
        fleet = TestInventories.load("fleet.yaml");
    }

    private static List<String> names(String pattern) throws InventoryException {
        return fleet.select(pattern).stream().map(HostSpec::name).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "all                 | db-01 db-02 db-03 app-01 stage-db-01 lab",
        "*                   | db-01 db-02 db-03 app-01 stage-db-01 lab",
        "prod                | db-01 db-02 db-03 app-01",
        "db-02               | db-02",
        "db-*                | db-01 db-02 db-03",
        "*db-0?              | db-01 db-02 db-03 stage-db-01",
        "db-0[13]            | db-01 db-03",
        "lab,app-01          | app-01 lab",
        "lab:app-01          | app-01 lab",
        "prod:&hot           | db-01 db-02 db-03",
        "prod:!db-03         | db-01 db-02 app-01",
        "prod:&hot:!db-03    | db-01 db-02",
        "!db-03:&hot:prod    | db-01 db-02",
        "&hot:prod:!db-03    | db-01 db-02",
        "prod,stage:!lab     | db-01 db-02 db-03 app-01 stage-db-01",
        "!prod               | stage-db-01 lab",
        "&hot                | db-01 db-02 db-03 stage-db-01",
        "st*                 | stage-db-01 lab",
        "' prod , !db-01 '   | db-02 db-03 app-01",
    })
    void selects(String pattern, String expected) throws InventoryException {
        assertThat(names(pattern)).containsExactly(expected.split(" "));
    }

    @Test
    void writtenOrderDoesNotMatter() throws InventoryException {
        List<String> reference = names("prod:&hot:!db-02");
        for (String p : List.of("!db-02:prod:&hot", "&hot:!db-02:prod", "prod,!db-02,&hot")) {
            assertThat(names(p)).as(p).isEqualTo(reference);
        }
    }

    @Test
    void limitIntersectsWithASecondPattern() throws InventoryException {
        assertThat(fleet.select("prod", Optional.of("db-0[12],lab")).stream().map(HostSpec::name))
                .containsExactly("db-01", "db-02");
        assertThat(fleet.select("all", Optional.empty())).hasSize(6);
        assertThatThrownBy(() -> fleet.select("prod", Optional.of("stage")))
                .isInstanceOf(InventoryException.class)
                .hasMessage("pattern 'prod' limited to 'stage' selects no host");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "prod:&stage         | pattern 'prod:&stage' selects no host",
        "web-*               | pattern 'web-*' selects no host",
        "prod:!prod          | pattern 'prod:!prod' selects no host",
        "prdo                | pattern 'prdo': 'prdo' is neither a host nor a group of fleet.yaml",
        "prod:!db-09         | pattern 'prod:!db-09': 'db-09' is neither a host nor a group of fleet.yaml",
        "prod,,hot           | pattern 'prod,,hot': empty term (doubled or trailing ',' or ':')",
        "prod:               | pattern 'prod:': empty term (doubled or trailing ',' or ':')",
        "~db.*               | pattern '~db.*': regular expressions (~db.*) are not supported; use globs such as db-*",
        "db 01               | pattern 'db 01': invalid term 'db 01' (names, globs with * ? [..], optionally prefixed by & or !)",
        "prod;rm             | pattern 'prod;rm': invalid term 'prod;rm' (names, globs with * ? [..], optionally prefixed by & or !)",
        "db-[1               | pattern 'db-[1': unclosed or empty '[' in 'db-[1'",
    })
    void errors(String pattern, String message) {
        assertThatThrownBy(() -> fleet.select(pattern)).isInstanceOf(InventoryException.class).hasMessage(message);
    }

    @Test
    void emptyPatternIsAnError() {
        assertThatThrownBy(() -> HostPattern.parse("  ")).hasMessage(
                "empty host pattern: give a host, a group, a glob or 'all'");
    }

    @Test
    void aGroupWithoutMembersIsKnownButSelectsNothing() throws InventoryException {
        Inventory inv = TestInventories.loader().loadFromString(
                "hosts: {a: {address: a}}\ngroups: {empty: {}}\n", "x.yaml");
        assertThat(HostPattern.parse("empty").resolve(inv)).isEmpty();
        assertThat(inv.select("a,empty")).extracting(HostSpec::name).containsExactly("a");
    }
}
