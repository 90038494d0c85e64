package jts.fleet.controller.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.Transport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.DeviceClass;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.stats.DeviceInfo;
import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.IoStat;
import jts.fleet.remote.stats.Sample;

/**
 * Live iostat-like rates of one host: the fixed {@code diskstats-sample.sh} takes two samples
 * {@code interval} apart in one exec; the arithmetic is the monitor's ({@link IoStat}).
 */
final class DiskSampling {
    static final int MAX_INTERVAL_SECONDS = 3600;

    private DiskSampling() {
    }

    /** Runs the sampling script on the host and computes the interval's rates. */
    static IoStat.Interval sample(Transport transport, HostSpec host, int intervalSeconds,
            Map<String, DeviceInfo> info) throws TransportException {
        if (intervalSeconds < 1 || intervalSeconds > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("interval must be 1.." + MAX_INTERVAL_SECONDS + " s, got "
                    + intervalSeconds);
        }
        List<String> args = new ArrayList<>(List.of(Integer.toString(intervalSeconds)));
        host.sysroot().ifPresent(args::add);
        // the deadline covers the sleep plus a generous margin for a slow host
        Duration timeout = Duration.ofSeconds(intervalSeconds + 30L);
        ExecResult result = transport.exec(ShellScripts.DISKSTATS_SAMPLE.text(), args, new byte[0], timeout, false);
        if (!result.ok()) {
            throw new TransportException(FailureClass.COMMAND, host.name() + ": diskstats-sample.sh exited "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        try {
            return parse(host.name(), result.stdoutText(), info);
        } catch (DiskStatsException e) {
            throw new TransportException(FailureClass.COMMAND, e.getMessage(), e);
        }
    }

    /** Parses the script's framed output (see the script's header) into the interval's rates. */
    static IoStat.Interval parse(String hostName, String output, Map<String, DeviceInfo> info)
            throws DiskStatsException {
        String[] lines = output.split("\n", -1);
        StringBuilder[] samples = {new StringBuilder(), new StringBuilder()};
        int current = -1;
        boolean done = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("@@sample 1")) {
                current = 0;
            } else if (line.equals("@@sample 2")) {
                if (current != 0) {
                    throw new DiskStatsException(hostName + ": line " + (i + 1) + ": second sample before the first");
                }
                current = 1;
            } else if (line.equals("@@tick")) {
                continue; // keeps the script from outliving a closed channel, see the script
            } else if (line.equals("@@done")) {
                done = true;
                break;
            } else if (current >= 0) {
                samples[current].append(line).append('\n');
            } else if (!line.isEmpty()) {
                throw new DiskStatsException(hostName + ": line " + (i + 1) + ": expected \"@@sample 1\"");
            }
        }
        if (!done || current != 1) {
            throw new DiskStatsException(hostName + ": diskstats sampling output truncated (no @@done after two samples)");
        }
        Sample first = Sample.parse(hostName, samples[0].toString());
        Sample second = Sample.parse(hostName, samples[1].toString());
        return IoStat.between(first, second, info);
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
