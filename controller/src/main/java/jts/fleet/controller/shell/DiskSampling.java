package jts.fleet.controller.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.cli.FleetSession;
import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.HostScriptRunner;
import jts.fleet.controller.gather.Sysroots;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.stats.DeviceInfo;
import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.IoStat;

/**
 * Live iostat-like rates of one host: the fixed {@code diskstats-sample.sh} takes two samples
 * {@code interval} apart in one exec; script, parser and arithmetic are remote-checks' ({@link HostReads},
 * {@link IoStat}).
 */
final class DiskSampling {
    static final int MAX_INTERVAL_SECONDS = 3600;

    private DiskSampling() {
    }

    /**
     * Runs the sampling script on the host and computes the interval's rates; its deadline is the interval's sleep
     * plus the command deadline ({@code commandTimeout}, the session's settings).
     */
    static IoStat.Interval sample(Transport transport, HostSpec host, int intervalSeconds, Duration commandTimeout,
            Map<String, DeviceInfo> info) throws TransportException {
        if (intervalSeconds < 1 || intervalSeconds > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("interval must be 1.." + MAX_INTERVAL_SECONDS + " s, got "
                    + intervalSeconds);
        }
        List<String> args = new ArrayList<>(List.of(Integer.toString(intervalSeconds)));
        Sysroots.of(host).ifPresent(args::add);
        Duration timeout = commandTimeout.plusSeconds(intervalSeconds);
        ExecResult result = HostScriptRunner.run(transport, host, "diskstats-sample.sh", HostReads.diskSampleScript(),
                args, new byte[0], timeout, false);
        try {
            return HostReads.parseDiskSample(host.name(), result.stdoutText(), info);
        } catch (DiskStatsException e) {
            throw HostScriptRunner.unusableAnswer(e);
        }
    }

    /** {@code --interval} of {@code diskstats} and {@code top}, checked. */
    static int checkedInterval(int interval) throws UsageException {
        if (interval < 1 || interval > MAX_INTERVAL_SECONDS) {
            throw new UsageException("--interval must be 1.." + MAX_INTERVAL_SECONDS + " s, got " + interval);
        }
        return interval;
    }

    /** One interval on every host of {@code hosts} in parallel, each with what the shell knows of its devices. */
    static List<HostResult<IoStat.Interval>> sampleAll(FleetSession fleetSession, ShellSession session,
            List<HostSpec> hosts, int intervalSeconds) {
        return fleetSession.runner().run(hosts, (transport, host) -> HostOutcome.ok(sample(transport, host,
                intervalSeconds, fleetSession.commandTimeout(), session.cachedModel(host.name()).map(DiskSampling::deviceInfo).orElse(Map.of()))),
                r -> { });
    }

    /** What the statistics need to know per device, from the storage model's classification when known. */
    static Map<String, DeviceInfo> deviceInfo(StorageModel model) {
        Map<String, DeviceInfo> info = new HashMap<>();
        for (BlockDevice d : model.snapshot().devices()) {
            DeviceClass c = d.deviceClass();
            boolean stacked = c == DeviceClass.DM || c == DeviceClass.MD || !d.slaves().isEmpty();
            boolean parallel = c == DeviceClass.NVME || c == DeviceClass.SSD || c == DeviceClass.RAM;
            info.put(d.name(), new DeviceInfo(parallel, stacked));
        }
        return info;
    }
}
