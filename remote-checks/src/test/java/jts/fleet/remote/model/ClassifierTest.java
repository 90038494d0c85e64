package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.DeviceClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifierTest {
    @ParameterizedTest(name = "{0} {1} rot={2} model={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        sda       | /sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda | 0 | -                    | SSD     | rotational=0 on sata
        sdb       | /sys/devices/pci0000:00/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0/block/sdb | 1 | ST4000NM0035         | HDD     | rotational=1 on sata
        sdc       | /sys/devices/pci0000:00/0000:00:1f.0/0000:18:00.0/host0/target0:2:0/0:2:0:0/block/sdc | 1 | LOGICAL VOLUME SSD | SSD | model "LOGICAL VOLUME SSD" says SSD though rotational=1
        sdd       | /sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdd | 1 | Flash | HDD | rotational=1 on usb
        vda       | /sys/devices/pci0000:00/0000:00:04.0/virtio1/block/vda                          | 1 | -                    | VIRTUAL | virtio transport in /sys/devices/pci0000:00/0000:00:04.0/virtio1/block/vda: rotational not trustworthy
        xvdb      | -                                                                               | 0 | -                    | VIRTUAL | kernel name xvdb (virtio/xen): rotational not trustworthy
        nvme0n1   | -                                                                               | 0 | -                    | NVME    | kernel name nvme0n1 (nvme)
        loop3     | /sys/devices/virtual/block/loop3                                                | 0 | -                    | LOOP    | loop device (backed by a file)
        zram0     | /sys/devices/virtual/block/zram0                                                | 0 | -                    | RAM     | compressed RAM disk (zram)
        pmem0     | /sys/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0/region0/namespace0.0/block/pmem0 | 0 | - | RAM | persistent memory (pmem)
        dm-3      | /sys/devices/virtual/block/dm-3                                                 | 0 | -                    | DM      | device-mapper
        md127     | /sys/devices/virtual/block/md127                                                | 1 | -                    | MD      | md array
        sde       | -                                                                               | - | -                    | HDD     | no queue/rotational on unknown transport: assumed rotational
        """)
    void classifiesFromSeveralSignals(String name, String path, String rotational, String model, DeviceClass expected,
                                      String reason) {
        Classifier.Classification c = Classifier.classify(new Classifier.Signals(name, Optional.ofNullable(path),
                Optional.empty(), Optional.ofNullable(rotational), Optional.ofNullable(model), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), false));
        assertThat(c.deviceClass()).isEqualTo(expected);
        assertThat(c.reason()).isEqualTo(reason);
    }
}
