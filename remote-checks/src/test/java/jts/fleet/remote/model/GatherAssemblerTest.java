package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The controller's half of the gather: framing the script's raw reads (see gather.sh and GatherAssembler). */
class GatherAssemblerTest {
    private static String raw(String root, List<String> directives, List<String> reads) {
        List<String> lines = new ArrayList<>();
        lines.add(GatherAssembler.HEADER + " " + root);
        lines.addAll(directives);
        lines.add("@@reads");
        lines.addAll(reads);
        lines.add("@@done");
        return String.join("\n", lines) + "\n";
    }

    private static final List<String> DIRECTIVES = List.of(
            "H",
            "L @@section block sda",
            "L path=/sys/devices/pci0000:00/ata1/host0/target0:0:0/0:0:0:0/block/sda",
            "B sda",
            "L slaves=",
            "L holders=",
            "L @@end",
            "U sda sda",
            "L @@section part sda1",
            "L parent=sda",
            "P sda/sda1",
            "L @@end",
            "U sda1 sda/sda1",
            "L @@section mountinfo",
            "F /r:x/proc/self/mountinfo",
            "L @@end",
            "L @@section udev-rules /etc/udev/rules.d/60-x.rules",
            "R /r:x/etc/udev/rules.d/60-x.rules",
            "L @@end",
            "L @@section trimlog",
            "T /r:x/var/lib/jts-fleet/trim.jsonl",
            "L @@end",
            "L @@done");

    @Test
    void framesAttributesUdevFilesAndRulesInDirectiveOrder() throws Exception {
        List<String> reads = new ArrayList<>(List.of(
                "/r:x/proc/sys/kernel/hostname:db-01",
                "/r:x/proc/sys/kernel/osrelease:6.8.0",
                // grep lists attributes in path order; the framed text has the fixed attribute order
                "sda/queue/scheduler:[none] mq-deadline",
                "sda/dev:8:0",
                "sda/size:100",
                "sda/device/model:@@end looks like a frame\0\0",
                "sda/sda1/dev:8:1",
                "sda/sda1/start:2048",
                "sda/sda1/partition:1",
                "/r:x/run/udev/data/b8:0:S:disk/by-id/x",
                "/r:x/run/udev/data/b8:0:E:ID_SERIAL=Disk_123",
                "/r:x/run/udev/data/b8:0:E:ID_PATH=pci-0000:00",
                "/r:x/proc/self/mountinfo:22 1 8:1 / / rw - ext4 /dev/sda1 rw",
                "/r:x/proc/self/mountinfo:\\odd line",
                "/r:x/etc/udev/rules.d/60-x.rules:# comment",
                "/r:x/etc/udev/rules.d/60-x.rules:ACTION==\"add\", ATTR{queue/scheduler}=\"bfq\""));
        // the trim log travels as the tail of the file after grep's lines, then the script's closing echo
        reads.add("@@tail /r:x/var/lib/jts-fleet/trim.jsonl");
        for (int i = 1; i <= 250; i++) {
            reads.add("{\"n\":" + i + "}");
        }
        reads.add("");
        String framed = GatherAssembler.assemble("db-01", raw("/r:x", DIRECTIVES, reads));
        List<String> lines = framed.lines().toList();
        assertThat(lines.subList(0, 13)).containsExactly(
                "@@jts-gather 1",
                "@@section host", "hostname=db-01", "kernel=6.8.0", "@@end",
                "@@section block sda",
                "path=/sys/devices/pci0000:00/ata1/host0/target0:0:0/0:0:0:0/block/sda",
                "dev=8:0", "size=100", "device/model=@@end looks like a frame", "queue/scheduler=[none] mq-deadline",
                "slaves=", "holders=");
        assertThat(framed).contains("@@section udev sda\nE:ID_SERIAL=Disk_123\n@@end\n")
                .doesNotContain("ID_PATH").doesNotContain("@@section udev sda1")
                .contains("@@section part sda1\nparent=sda\npartition=1\nstart=2048\ndev=8:1\n@@end\n")
                .contains("@@section mountinfo\n22 1 8:1 / / rw - ext4 /dev/sda1 rw\n\\\\odd line\n@@end\n")
                .contains("@@section udev-rules /etc/udev/rules.d/60-x.rules\nACTION==\"add\", "
                        + "ATTR{queue/scheduler}=\"bfq\"\n@@end\n");
        assertThat(lines).contains("{\"n\":51}", "{\"n\":250}").doesNotContain("{\"n\":50}");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("@@done");
        // what the parser (and `snapshot`) get from a raw output
        assertThat(GatherParser.framed("db-01", raw("/r:x", DIRECTIVES, reads))).isEqualTo(framed);
        assertThat(GatherParser.framed("db-01", framed)).isEqualTo(framed);
    }

    @Test
    void cutShortOrMalformedOutputNamesTheHostAndLine() {
        String complete = raw("", List.of("H"), List.of("/proc/sys/kernel/hostname:h"));
        String noTrailer = complete.substring(0, complete.lastIndexOf("@@done"));
        assertThatThrownBy(() -> GatherAssembler.assemble("db-02", noTrailer)).isInstanceOf(GatherException.class)
                .hasMessageContaining("db-02").hasMessageContaining("@@done");
        assertThatThrownBy(() -> GatherAssembler.assemble("db-02", GatherAssembler.HEADER + " \nH\n"))
                .isInstanceOf(GatherException.class).hasMessageContaining("@@reads");
        assertThatThrownBy(() -> GatherAssembler.assemble("db-02", raw("", List.of("X what"), List.of())))
                .isInstanceOf(GatherException.class).hasMessageContaining("line 2").hasMessageContaining("X what");
        assertThatThrownBy(() -> GatherAssembler.assemble("db-02", raw("/root", List.of("H"),
                List.of("/elsewhere/proc/sys/kernel/hostname:h"))))
                .isInstanceOf(GatherException.class).hasMessageContaining("outside the sysroot");
        assertThatThrownBy(() -> GatherAssembler.assemble("db-02", raw("", List.of("H"), List.of("sda/size"))))
                .isInstanceOf(GatherException.class).hasMessageContaining("PATH:");
    }

    @Test
    void aGatherWithoutTheHostsNameIsAFailedGather() {
        // what a host whose grep never ran would print (its error went to stderr)
        assertThatThrownBy(() -> GatherAssembler.assemble("db-03", raw("", List.of("H", "L @@done"), List.of())))
                .isInstanceOf(GatherException.class).hasMessageContaining("db-03").hasMessageContaining("grep");
    }

    @Test
    void recognisesItsHeaderOnly() {
        assertThat(GatherAssembler.isRaw(GatherAssembler.HEADER + " \nH\n")).isTrue();
        assertThat(GatherAssembler.isRaw(GatherAssembler.HEADER + " /srv/root\n")).isTrue();
        assertThat(GatherAssembler.isRaw(GatherParser.HEADER + "\n")).isFalse();
        assertThat(GatherAssembler.isRaw(GatherAssembler.HEADER + "0\n")).isFalse();
        assertThat(GatherAssembler.isRaw(null)).isFalse();
    }
}
