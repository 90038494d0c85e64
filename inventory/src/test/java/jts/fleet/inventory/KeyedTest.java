package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyedTest {
    enum Plain implements Keyed {
        READ_AHEAD_KB
    }

    enum Dashed implements Keyed.Hyphenated {
        NOT_APPLICABLE
    }

    @Test
    void aWordIsTheNameInLowerCase() {
        assertThat(Plain.READ_AHEAD_KB.key()).isEqualTo("read_ahead_kb");
    }

    @Test
    void aHyphenatedWordJoinsItsPartsWithHyphens() {
        assertThat(Dashed.NOT_APPLICABLE.key()).isEqualTo("not-applicable");
    }

    @Test
    void aWordNamesItsConstantAndNothingElseDoes() {
        assertThat(Keyed.parse(Plain.class, "read_ahead_kb")).contains(Plain.READ_AHEAD_KB);
        assertThat(Keyed.parse(Dashed.class, "not-applicable")).contains(Dashed.NOT_APPLICABLE);
        assertThat(Keyed.parse(Dashed.class, "not_applicable")).isEmpty();
        assertThat(Keyed.parse(Plain.class, "READ_AHEAD_KB")).isEmpty();
    }
}
