package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jts.fleet.inventory.DeviceClass;
import org.junit.jupiter.api.Test;

class GatherParserTest {
    /** A minimal well-formed output around the given sections. */
    static String output(String... sections) {
        StringBuilder b = new StringBuilder("@@jts-gather 1\n@@section host\nhostname=h1\nkernel=6.8.0\ntime=1700000000\n"
                + "uid=0\n@@end\n");
        for (String s : sections) {
            b.append(s);
        }
        if (String.join("", sections).indexOf("@@section diskstats") < 0) {
            b.append("@@section diskstats\n@@end\n");
        }
        if (String.join("", sections).indexOf("@@section mountinfo") < 0) {
            b.append("@@section mountinfo\n@@end\n");
        }
        return b.append("@@done\n").toString();
    }

    static String block(String name, String... lines) {
        return "@@section block " + name + "\n" + String.join("\n", lines) + (lines.length > 0 ? "\n" : "")
                + "@@end\n";
    }

    static String mountinfo(String... lines) {
        return "@@section mountinfo\n" + String.join("\n", lines) + "\n@@end\n";
    }

    @Test
    void hostSectionAndExtras() throws Exception {
        HostSnapshot s = GatherParser.parse("db-01", output(
                "@@section env\nsystemd=1\nudevd=0\nfio=fio-3.33\n@@end\n",
                "@@section tuned\n\nlatency-performance\n@@end\n",
                "@@section trimlog\n{\"a\":1}\n\n{\"b\":2}\n@@end\n",
                "@@section some-future-section key\nwhatever = here\n@@end\n"));
        assertThat(s.host()).isEqualTo("db-01");
        assertThat(s.hostname()).isEqualTo("h1");
        assertThat(s.kernel()).isEqualTo("6.8.0");
        assertThat(s.time()).isEqualTo(1_700_000_000L);
        assertThat(s.uid()).isZero();
        assertThat(s.systemdRunning()).isTrue();
        assertThat(s.udevdRunning()).isFalse();
        assertThat(s.fio()).contains("fio-3.33");
        assertThat(s.tunedProfile()).contains("latency-performance");
        assertThat(s.trimLog()).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(s.stateJson()).isEmpty();
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void escapedContentLinesAreRestored() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output("@@section tuned\n\\@@end\n@@end\n",
                "@@section udev-rules /etc/udev/rules.d/60-a.rules\n\\\\x ATTR{queue/x}\n@@end\n"));
        assertThat(s.tunedProfile()).contains("@@end");
        assertThat(s.udevRules().get("/etc/udev/rules.d/60-a.rules")).containsExactly("\\x ATTR{queue/x}");
    }

    @Test
    void invalidDeviceNamesAreDroppedWithWarnings() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output(
                block("sda;reboot", "dev=8:0", "size=10"),
                block("sdb", "dev=8:16", "size=10", "slaves=sdc $(id) sda;reboot", "holders="),
                "@@section part sdb1\nparent=sdx\nsize=2\n@@end\n",
                "@@section skipped\nreason=block device name with blanks or control characters\n@@end\n"));
        assertThat(s.devices()).extracting(BlockDevice::name).containsExactly("sdb");
        assertThat(s.device("sdb").orElseThrow().slaves()).isEmpty();
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("\"sda;reboot\"").contains("line 8"))
                .anySatisfy(w -> assertThat(w).contains("$(id)"))
                .anySatisfy(w -> assertThat(w).contains("slaves entry sdc is not a gathered device"))
                .anySatisfy(w -> assertThat(w).contains("dropped partition sdb1").contains("sdx"))
                .anySatisfy(w -> assertThat(w).contains("skipped a block device"));
    }

    @Test
    void unreadableValuesBecomeAbsentWithWarnings() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output(block("sda", "dev=eight", "size=-1",
                "queue/scheduler=[none] [kyber]", "queue/logical_block_size=abc", "queue/rotational=1")));
        BlockDevice sda = s.device("sda").orElseThrow();
        assertThat(sda.majorMinor()).isEmpty();
        assertThat(sda.sizeBytes()).isEmpty();
        assertThat(sda.scheduler()).isEmpty();
        assertThat(sda.logicalBlockSize()).isEmpty();
        assertThat(sda.queue()).containsEntry("logical_block_size", "abc");
        assertThat(s.warnings()).hasSize(4).allSatisfy(w -> assertThat(w).contains("sda"));
    }

    @Test
    void sizeIsAlwaysIn512ByteSectorsAndIdentityFallsBackToUdev() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output(
                block("sda", "dev=8:0", "size=1953525168", "queue/logical_block_size=4096", "queue/rotational=0",
                        "path=/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda"),
                "@@section udev sda\nE:ID_SERIAL_SHORT=S6PT\nE:ID_WWN=0x5002538f41234567\nE:ID_MODEL=Samsung_SSD\n@@end\n"));
        BlockDevice sda = s.device("sda").orElseThrow();
        assertThat(sda.sizeBytes()).hasValue(1953525168L * 512);
        assertThat(sda.serial()).contains("S6PT");
        assertThat(sda.wwn()).contains("0x5002538f41234567");
        assertThat(sda.model()).contains("Samsung_SSD");
        assertThat(sda.deviceClass()).isEqualTo(DeviceClass.SSD);
        assertThat(sda.classReason()).isEqualTo("rotational=0 on sata");
    }

    @Test
    void mountinfoOptionalFieldsEscapesBindsAndDiscard() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output(
                block("nvme0n1", "dev=259:0", "queue/rotational=0", "queue/discard_max_bytes=100"),
                mountinfo(
                        "30 1 0:40 / /srv/btr rw,relatime shared:5 master:2 - btrfs /dev/nvme0n1 rw,ssd,discard=async,space_cache=v2,subvolid=5,subvol=/",
                        "31 1 0:40 /snaps /srv/snap\\040shots rw,relatime - btrfs /dev/nvme0n1 rw,ssd,discard=async,subvolid=256,subvol=/snaps",
                        "32 1 0:41 / /srv/old rw,relatime - btrfs /dev/nvme0n1 rw,nodiscard",
                        "33 1 0:42 / /home ro,relatime - autofs systemd-1 rw,fd=1",
                        "34 1 0:43 / /mnt/nas rw - nfs4 nas:/x rw,vers=4.2")));
        Mount btr = s.mount("/srv/btr").orElseThrow();
        assertThat(btr.device()).contains("nvme0n1");
        assertThat(btr.leafDevices()).containsExactly("nvme0n1");
        assertThat(btr.onlineDiscard()).isTrue();
        assertThat(btr.bindOf()).isEmpty();
        Mount snaps = s.mount("/srv/snap shots").orElseThrow();
        assertThat(snaps.root()).isEqualTo("/snaps");
        assertThat(snaps.bindOf()).contains("/srv/btr");
        assertThat(s.mount("/srv/old").orElseThrow().onlineDiscard()).isFalse();
        Mount home = s.mount("/home").orElseThrow();
        assertThat(home.autofs()).isTrue();
        assertThat(home.readOnly()).isTrue();
        assertThat(home.isStorage()).isFalse();
        Mount nas = s.mount("/mnt/nas").orElseThrow();
        assertThat(nas.network()).isTrue();
        assertThat(nas.device()).isEmpty();
    }

    @Test
    void sysfsReadOnlyFromTheVisibleSysMount() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output(mountinfo(
                "1 0 0:20 / /sys rw - sysfs sysfs rw", "2 0 0:21 / /sys ro,nosuid - sysfs sysfs ro")));
        assertThat(s.sysfsReadOnly()).isTrue();
    }

    @Test
    void errorsNameHostAndLine() {
        assertThatThrownBy(() -> GatherParser.parse("db-01", "")).isInstanceOf(GatherException.class)
                .hasMessage("db-01: gather output line 1: empty output (expected \"@@jts-gather 1\")");
        assertThatThrownBy(() -> GatherParser.parse("db-01", "Welcome to Ubuntu!\n@@jts-gather 1\n"))
                .hasMessageStartingWith("db-01: gather output line 1: missing header");
        assertThatThrownBy(() -> GatherParser.parse("db-01", "@@jts-gather 2\n"))
                .hasMessageContaining("unsupported gather format");
        assertThatThrownBy(() -> GatherParser.parse("db-01", "@@jts-gather 1\n@@section host\nhostname=x\n"))
                .isInstanceOf(GatherException.class)
                .hasMessage("db-01: gather output line 3: output truncated: section \"host\" (from line 2) is not terminated");
        assertThatThrownBy(() -> GatherParser.parse("db-01",
                "@@jts-gather 1\n@@section host\nhostname=x\n@@section block sda\n@@end\n@@done\n"))
                .hasMessage("db-01: gather output line 4: section \"host\" (from line 2) is not terminated: unexpected \"@@section block sda\"");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output().replace("@@done\n", "")))
                .hasMessageContaining("no \"@@done\" trailer");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output().replace("uid=0", "uid=root")))
                .hasMessage("db-01: gather output line 2: host section: uid is not a number: \"root\"");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output(block("sda", "dev=8:0", "garbage"))))
                .hasMessage("db-01: gather output line 10: section \"block\": expected key=value, got \"garbage\"");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output(mountinfo("1 2 3"))))
                .hasMessage("db-01: gather output line 9: mountinfo: not a mountinfo line: \"1 2 3\"");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output(block("sda", "model=a\u0000b"))))
                .hasMessage("db-01: gather output line 9: binary junk: character 0x00 at column 8");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output(block("sda"), block("sda"))))
                .hasMessageContaining("line 10: device \"sda\" listed twice");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output() + "trailing\n"))
                .hasMessageContaining("content after @@done");
        assertThatThrownBy(() -> GatherParser.parse("db-01", output().replace("@@section host", "@@section env")))
                .hasMessage("db-01: gather output: no \"host\" section");
    }

    @Test
    void diskstatsLinesKeptRawWhateverTheirFieldCount() throws Exception {
        String fourteen = "   8       0 sda 1 2 3 4 5 6 7 8 9 10 11";
        String eighteen = fourteen + " 12 13 14 15";
        String twenty = eighteen + " 16 17";
        HostSnapshot s = GatherParser.parse("h", output(
                "@@section diskstats\n" + fourteen + "\n" + eighteen + "\n" + twenty + "\n@@end\n"));
        assertThat(s.diskstats()).containsExactly(fourteen, eighteen, twenty);
        assertThat(s.diskstats()).extracting(l -> l.trim().split("\\s+").length).containsExactly(14, 18, 20);
    }

    @Test
    void nvmeMultipathPathsPointToTheirHead() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output(
                block("nvme0c0n1", "hidden=1", "dev=259:1"),
                block("nvme0c1n1", "hidden=1", "dev=259:2"),
                block("nvme0n1", "hidden=0", "dev=259:0",
                        "path=/sys/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1"),
                block("nvme5c0n1", "hidden=1")));
        assertThat(s.device("nvme0c1n1").orElseThrow().multipathHead()).contains("nvme0n1");
        assertThat(s.leafDevices("nvme0c0n1")).containsExactly("nvme0n1");
        assertThat(s.device("nvme5c0n1").orElseThrow().multipathHead()).isEmpty(); // head not gathered
        assertThat(s.device("nvme0n1").orElseThrow().classReason())
                .isEqualTo("nvme transport in /sys/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1");
    }

    @Test
    void leafDevicesFollowPartitionsDmAndMdAndSurviveCycles() throws Exception {
        HostSnapshot s = GatherParser.parse("h", output(
                block("sda", "dev=8:0"),
                "@@section part sda1\nparent=sda\ndev=8:1\nholders=md0\n@@end\n",
                block("sdb", "dev=8:16"),
                "@@section part sdb1\nparent=sdb\ndev=8:17\n@@end\n",
                block("md0", "md/level=raid1", "slaves=sda1 sdb1"),
                block("dm-0", "dm/name=crypt", "dm/uuid=CRYPT-LUKS2-abc", "slaves=md0"),
                block("dm-1", "dm/name=loopy", "slaves=dm-2"),
                block("dm-2", "dm/name=loopy2", "slaves=dm-1")));
        assertThat(s.leafDevices("dm-0")).containsExactly("sda", "sdb");
        assertThat(s.leafDevices("sdb1")).containsExactly("sdb");
        assertThat(s.stack("dm-0")).containsExactly("dm-0", "md0", "sda1", "sda", "sdb1", "sdb");
        assertThat(s.leafDevices("dm-1")).isEmpty(); // a slaves/ cycle (garbage) must not loop
        assertThat(s.leafDevices("nope")).isEmpty();
        assertThat(s.device("dm-0").orElseThrow().classReason()).isEqualTo("dm-crypt (LUKS) mapping crypt over md0");
        assertThat(s.device("md0").orElseThrow().classReason()).isEqualTo("md raid1 over sda1, sdb1");
        assertThat(s.partitions("sda")).extracting(BlockDevice::name).containsExactly("sda1");
        assertThat(List.of(s.device("sda1").orElseThrow().devType())).containsExactly("part");
    }
}
