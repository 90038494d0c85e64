package jts.fleet.inventory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ComponentsTest {
    record Sample(String name, int port, Optional<String> note) {
        Sample {
            Components.requireNonNull(Sample.class, name, port, note);
        }
    }

    @Test
    void aRecordWithEveryComponentIsBuilt() {
        assertThatCode(() -> new Sample("db-01", 22, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void aNullComponentIsNamed() {
        assertThatThrownBy(() -> new Sample("db-01", 22, null))
                .isInstanceOf(NullPointerException.class).hasMessage("note");
        assertThatThrownBy(() -> new Sample(null, 22, null))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    void aCallerThatLeavesOutAComponentIsABug() {
        assertThatThrownBy(() -> Components.requireNonNull(Sample.class, "db-01", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Sample has 3 components, not 2");
    }

    @Test
    void aCallerThatPassesComponentsOutOfOrderIsABug() {
        assertThatThrownBy(() -> Components.requireNonNull(Sample.class, 22, "db-01", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sample.name is a String, got Integer: pass every component in declaration order");
    }
}
