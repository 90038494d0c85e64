package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.QueueAttribute;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.Scheduler;

/** What a host looks like after a plan was applied, as the next gather would see it. */
final class PlanSimulation {
    private PlanSimulation() {
    }

    static HostSnapshot applied(HostSnapshot before, HostPlan plan) {
        List<BlockDevice> devices = new ArrayList<>();
        for (BlockDevice d : before.devices()) {
            Map<QueueAttribute, String> writes = new LinkedHashMap<>();
            plan.devices().stream().filter(p -> p.device().equals(d.name())).flatMap(p -> p.settings().stream())
                    .filter(s -> s.action() == TuningAction.SET).forEach(s -> writes.put(s.attribute(), s.desired()));
            devices.add(writes.isEmpty() ? d : with(d, writes));
        }
        // network filesystems: the settings of "bdi-MAJ:MIN" land on their backing device
        List<jts.fleet.remote.model.Mount> mounts = new ArrayList<>();
        for (jts.fleet.remote.model.Mount m : before.mounts()) {
            Map<String, String> bdi = new LinkedHashMap<>(m.bdi());
            plan.devices().stream().filter(p -> p.device().equals("bdi-" + m.majorMinor()) && m.network())
                    .flatMap(p -> p.settings().stream()).filter(s -> s.action() == TuningAction.SET)
                    .forEach(s -> bdi.put(s.attribute().key(), s.desired()));
            mounts.add(new jts.fleet.remote.model.Mount(m.mountId(), m.parentId(), m.majorMinor(), m.root(), m.path(),
                    m.mountOptions(), m.fstype(), m.source(), m.superOptions(), m.device(), m.leafDevices(),
                    m.network(), m.onlineDiscard(), m.readOnly(), m.autofs(), m.bindOf(), bdi));
        }
        return new HostSnapshot(before.host(), before.hostname(), before.kernel(), before.time(), before.uid(), devices,
                mounts, before.diskstats(), before.udevRules(), before.tunedProfile(), before.systemdRunning(),
                before.udevdRunning(), before.sysfsReadOnly(), before.fio(), before.stateJson(),
                before.trimLog(), before.warnings());
    }

    static BlockDevice with(BlockDevice d, Map<QueueAttribute, String> writes) {
        Map<String, String> queue = new LinkedHashMap<>(d.queue());
        Optional<Scheduler> scheduler = d.scheduler();
        for (Map.Entry<QueueAttribute, String> w : writes.entrySet()) {
            if (w.getKey() == QueueAttribute.SCHEDULER) {
                List<String> available = scheduler.orElseThrow().available();
                scheduler = Optional.of(new Scheduler(w.getValue(), available));
                queue.put("scheduler", String.join(" ", available.stream()
                        .map(n -> n.equals(w.getValue()) ? "[" + n + "]" : n).toList()));
            } else {
                queue.put(w.getKey().key(), w.getValue());
            }
        }
        return new BlockDevice(d.name(), d.devType(), d.parent(), d.multipathHead(), d.slaves(), d.holders(),
                d.hidden(), d.deviceClass(), d.classReason(), d.zonedModel(), d.model(), d.vendor(), d.serial(),
                d.wwn(), d.sizeBytes(), d.logicalBlockSize(), d.physicalBlockSize(), d.majorMinor(), queue, scheduler,
                d.discardGranularity(), d.discardMaxBytes(), d.readOnly(), d.removable(), d.sysfsPath(), d.driver(),
                d.dmName(), d.dmUuid(), d.mdLevel());
    }
}
