package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class UdevRuleMatcherTest {
    private static final UdevRuleMatcher.Device NVME = new UdevRuleMatcher.Device("nvme0n1", "disk",
            "/devices/pci0000:00/0000:00:1d.0/nvme/nvme0/nvme0n1",
            Map.of("queue/scheduler", "[none] mq-deadline", "queue/read_ahead_kb", "128", "removable", "0"),
            Map.of("wwid", "eui.0025"), Map.of("DEVTYPE", "disk"));
    private static final UdevRuleMatcher.Device PATH = new UdevRuleMatcher.Device("nvme0c0n1", "disk",
            "/devices/pci0000:00/0000:00:1d.0/nvme/nvme0/nvme0c0n1", Map.of("queue/read_ahead_kb", "128"),
            Map.of("wwid", "eui.0025"), Map.of("DEVTYPE", "disk"));

    private static boolean matches(String rule, UdevRuleMatcher.Device device) {
        return UdevRuleMatcher.matches(UdevRuleMatcher.parse(rule).get(0), device, "block");
    }

    @Test
    void globsAlternativesAndNegation() {
        assertThat(matches("KERNEL==\"nvme[0-9]*n[0-9]*\", ATTR{queue/read_ahead_kb}=\"1\"", NVME)).isTrue();
        // the glob alone catches multipath paths too: that is why rules exclude nvme*c* by name
        assertThat(matches("KERNEL==\"nvme[0-9]*n[0-9]*\", ATTR{queue/read_ahead_kb}=\"1\"", PATH)).isTrue();
        assertThat(matches("KERNEL==\"nvme[0-9]*n[0-9]*\", KERNEL!=\"nvme*c*\", ATTR{queue/read_ahead_kb}=\"1\"", PATH))
                .isFalse();
        assertThat(matches("KERNEL==\"vd*|nvme*\", ATTR{queue/read_ahead_kb}=\"1\"", NVME)).isTrue();
        assertThat(matches("DEVPATH!=\"*/usb*\", ATTRS{wwid}==\"eui.0025\", ATTR{queue/read_ahead_kb}=\"1\"", NVME))
                .isTrue();
    }

    @Test
    void anAttributeTheDeviceLacksFailsTheRuleEvenWithNotEqual() {
        assertThat(matches("ATTR{hidden}!=\"1\", ATTR{queue/read_ahead_kb}=\"1\"", NVME)).isFalse();
        assertThat(matches("ATTR{removable}!=\"1\", ATTR{queue/read_ahead_kb}=\"1\"", NVME)).isTrue();
        // an unset property is the empty string
        assertThat(matches("ENV{ID_SERIAL_SHORT}!=\"x\", ATTR{queue/read_ahead_kb}=\"1\"", NVME)).isTrue();
    }

    @Test
    void gotoSkipsToItsLabelAndAssignmentsToMissingAttributesDoNothing() {
        var rules = UdevRuleMatcher.parse("KERNEL==\"nvme0n1\", ATTR{queue/read_ahead_kb}=\"64\", GOTO=\"end\"\n"
                + "KERNEL==\"nvme*\", ATTR{queue/read_ahead_kb}=\"4096\", ATTR{queue/wbt_lat_usec}=\"0\"\n"
                + "LABEL=\"end\"\n"
                + "KERNEL==\"nvme*\", ATTR{queue/scheduler}=\"none\", ATTR{queue/wbt_lat_usec}=\"0\"\n");
        var got = UdevRuleMatcher.evaluate(rules, NVME, "block");
        assertThat(got).containsOnlyKeys("queue/read_ahead_kb", "queue/scheduler");
        assertThat(got.get("queue/read_ahead_kb")).isEqualTo(new UdevRuleMatcher.Assigned("64", 1));
    }

    @Test
    void anythingOutsideTheGrammarIsRefusedWithItsLine() {
        assertThatThrownBy(() -> UdevRuleMatcher.parse("# c\nKERNEL==\"x\", RUN+=\"/bin/true\"\n"))
                .hasMessageContaining("rules line 2");
        assertThatThrownBy(() -> UdevRuleMatcher.parse("KERNEL==\"x\" junk\n")).hasMessageContaining("cannot read");
    }
}
