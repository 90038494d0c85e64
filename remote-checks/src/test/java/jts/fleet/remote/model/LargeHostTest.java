package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jts.fleet.inventory.DeviceClass;
import org.junit.jupiter.api.Test;

/** A storage server with 600 disks, 1200 partitions and 600 mounts: no quadratic blow-up anywhere. */
class LargeHostTest {
    @Test
    void parseAssignAndRenderStayFast() {
        StringBuilder out = new StringBuilder("@@jts-gather 1\n@@section host\nhostname=big\nkernel=6.8.0\n"
                + "time=1\nuid=0\n@@end\n");
        StringBuilder mountinfo = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            out.append("@@section block sd").append(i).append("\npath=/sys/devices/pci0000:00/0000:00:17.0/host")
                    .append(i).append("/target/block/sd").append(i).append("\ndev=8:").append(i * 16)
                    .append("\nsize=1000\nqueue/rotational=1\nqueue/scheduler=[mq-deadline] none\n@@end\n");
            for (int p = 1; p <= 2; p++) {
                out.append("@@section part sd").append(i).append('p').append(p).append("\nparent=sd").append(i)
                        .append("\ndev=8:").append(i * 16 + p).append("\n@@end\n");
            }
            mountinfo.append(100 + i).append(" 1 8:").append(i * 16 + 1).append(" / /data/d").append(i)
                    .append(" rw - xfs /dev/sd").append(i).append("p1 rw\n");
        }
        out.append("@@section diskstats\n@@end\n@@section mountinfo\n").append(mountinfo).append("@@end\n@@done\n");
        String text = out.toString();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long start = System.nanoTime();
            HostSnapshot s = GatherParser.parse("big", text);
            long parsed = System.nanoTime();
            StorageModel model = TierAssigner.assign(s, TierAssignerTest.policy(
                    TierAssignerTest.tier("hot", Set.of(), List.of(), List.of("/data/d599")),
                    TierAssignerTest.tier("warm", Set.of(DeviceClass.HDD), List.of(), List.of())));
            long assigned = System.nanoTime();
            var json = StatusJson.devicesAndMounts(model);
            long warmStart = System.nanoTime();
            TierAssigner.assign(s, TierAssignerTest.policy(
                    TierAssignerTest.tier("hot", Set.of(), List.of(), List.of("/data/d599")),
                    TierAssignerTest.tier("warm", Set.of(DeviceClass.HDD), List.of(), List.of())));
            System.out.printf("large host: second assign %d ms%n", (System.nanoTime() - warmStart) / 1_000_000);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(s.devices()).hasSize(1800);
            assertThat(model.tierOf("sd599")).contains("hot");
            assertThat(model.tierOf("sd0p2")).contains("warm");
            assertThat(json.get("mounts")).hasSize(600);
            System.out.printf("large host: %d devices: parse %d ms, assign %d ms, render %d ms, total %d ms%n",
                    s.devices().size(), (parsed - start) / 1_000_000, (assigned - parsed) / 1_000_000,
                    (System.nanoTime() - assigned) / 1_000_000, millis);
        });
    }
}
