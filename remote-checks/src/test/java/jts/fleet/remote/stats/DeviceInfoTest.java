package jts.fleet.remote.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jts.fleet.remote.model.GatherParser;
import org.junit.jupiter.api.Test;

class DeviceInfoTest {

    @Test
    void fromTheRecordedNvmeDbHost() throws Exception {
        String gather;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/nvme-db-host/gather.out")) {
            gather = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, DeviceInfo> info = DeviceInfo.of(GatherParser.parse("db-01", gather));
        assertThat(info.get("nvme0n1")).isEqualTo(new DeviceInfo(true, false));
        assertThat(info.get("dm-1")).isEqualTo(new DeviceInfo(false, true));
        assertThat(info.get("loop0").utilMeaningful()).isTrue();
        assertThat(info.get("nvme0n1").utilMeaningful()).isFalse();
        assertThat(info.get("dm-1").utilMeaningful()).isFalse();
    }
}
