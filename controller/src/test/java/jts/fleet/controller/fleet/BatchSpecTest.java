package jts.fleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchSpecTest {

    /** Ansible rounds percentages down with a minimum of one host. */
    @ParameterizedTest(name = "serial {0} of {1} hosts -> {2} per batch")
    @CsvSource({"1,10,1", "3,10,3", "50,10,10", "25%,10,2", "30%,10,3", "10%,5,1", "100%,7,7", "1%,1,1",
            "34%,3,1", "5,0,1"})
    void batchSize(String spec, int total, int expected) {
        assertThat(BatchSpec.parse(spec).sizeFor(total)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0", "0%", "101%", "-1", "1.5", "x%", "%", "25 %", "9999999999"})
    void refusesNonsense(String spec) {
        assertThatThrownBy(() -> BatchSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serial batch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "25%"})
    void printsAsWritten(String spec) {
        assertThat(BatchSpec.parse(spec)).hasToString(spec);
    }
}
