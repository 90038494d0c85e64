package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import jts.fleet.inventory.testing.Golden;

/**
 * The storage model of every recorded host, with the embedded JTS policy. {@code expect.txt} is the
 * reviewed model, one line per device and storage mount (see {@link #describe}); {@code status.json} is
 * the golden {@code -o json} rendering.
 */
class GatherFixturesTest {
    private static Policy policy;

    @BeforeAll
    static void embeddedPolicy() throws Exception {
        policy = InventoryLoader.standard().defaultPolicy();
    }

    static List<String> fixtures() throws IOException {
        return Fixtures.names();
    }

    @Test
    void allFixturesPresent() throws IOException {
        assertThat(Fixtures.names()).contains("nvme-db-host", "sata-md-host", "virtio-vm", "nfs-cifs",
                "nvme-multipath");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void modelMatchesReviewedExpectation(String name) throws Exception {
        StorageModel model = TierAssigner.assign(Fixtures.snapshot(name), policy);
        Golden.check(Fixtures.DIR.resolve(name).resolve("expect.txt"), String.join("\n", describe(model)) + "\n");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void statusJsonGolden(String name) throws Exception {
        StorageModel model = TierAssigner.assign(Fixtures.snapshot(name), policy);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(StatusJson.devicesAndMounts(model)) + "\n";
        Golden.check(Fixtures.DIR.resolve(name).resolve("status.json"), json);
    }

    /**
     * <pre>
     * host key=value ...
     * device NAME CLASS TIER PARENT LEAVES HIDDEN SCHEDULER  REASON...        ("-" = none)
     * mount PATH DEVICE LEAVES TIER FLAGS BIND_OF                              (path octal-escaped)
     * unmanaged NAMES...
     * warning TEXT
     * </pre>
     */
    static List<String> describe(StorageModel model) {
        HostSnapshot s = model.snapshot();
        List<String> lines = new ArrayList<>();
        List<Integer> fieldCounts = s.diskstats().stream().map(l -> l.trim().split("\\s+").length)
                .distinct().toList();
        lines.add("host hostname=" + s.hostname() + " kernel=" + s.kernel() + " diskstats_fields=" + fieldCounts
                + " systemd=" + s.systemdRunning() + " udevd=" + s.udevdRunning() + " sysfs_ro=" + s.sysfsReadOnly()
                + " tuned=" + s.tunedProfile().orElse("-") + " rules=" + s.udevRules().keySet()
                + " state=" + s.stateJson().isPresent() + " trimlog=" + s.trimLog().size());
        for (BlockDevice d : s.devices()) {
            lines.add(String.join(" ", "device", d.name(), d.deviceClass().key(),
                    model.tierOf(d.name()).orElse("-"), d.parent().or(d::multipathHead).orElse("-"),
                    String.join(",", s.leafDevices(d.name())), d.hidden() ? "hidden" : "visible",
                    d.scheduler().map(Scheduler::current).orElse("-"), d.classReason()));
        }
        for (Mount m : s.mounts()) {
            if (!m.isStorage()) {
                continue;
            }
            List<String> flags = new ArrayList<>();
            if (m.network()) {
                flags.add("network");
            }
            if (m.onlineDiscard()) {
                flags.add("discard");
            }
            if (m.readOnly()) {
                flags.add("ro");
            }
            lines.add(String.join(" ", "mount", m.path().replace(" ", "\\040"), m.device().orElse("-"),
                    m.leafDevices().isEmpty() ? "-" : String.join(",", m.leafDevices()),
                    model.tierOfMount(m.path()).orElse("-"), flags.isEmpty() ? "-" : String.join(",", flags),
                    m.bindOf().orElse("-")));
        }
        lines.add("unmanaged " + String.join(" ", model.unmanaged()));
        s.warnings().forEach(w -> lines.add("warning " + w));
        return lines;
    }
}
