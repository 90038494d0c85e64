package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        nvme*      | nvme0n1  | true
        nvme*      | sda      | false
        sd?        | sdb      | true
        sd?        | sdb1     | false
        db-0[13]   | db-03    | true
        db-0[13]   | db-02    | false
        db-0[!13]  | db-02    | true
        db-0[1-3]  | db-02    | true
        loop[      | loop[    | true
        plain      | plain    | true
        a.b        | axb      | false
        """)
    void matchesLikeTheShell(String glob, String text, boolean expected) {
        assertThat(Glob.matches(glob, text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        db-[1     | unclosed or empty '['
        db-[]1    | unclosed or empty '['
        db-1]     | unmatched ']'
        db-[12]   | ''
        db-*      | ''
        """)
    void strictCallersLearnWhatIsWrong(String glob, String problem) {
        assertThat(Glob.problem(glob).orElse("")).isEqualTo(problem);
    }
}
