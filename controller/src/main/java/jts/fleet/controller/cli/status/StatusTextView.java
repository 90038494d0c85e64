package jts.fleet.controller.cli.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.cli.AppContext;
import jts.fleet.controller.cli.Colors;
import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.Sizes;
import jts.fleet.controller.cli.TextTable;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.HostText;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StorageModel;

/**
 * The human view of {@code status}: a summary table (devices per tier, unmanaged, drift, error), then each host's
 * devices grouped by tier, its network mounts, its TRIM timer and last trims, its warnings; then the recap.
 * <p>
 * Loops rather than streams and lambdas: a one-shot {@code status} prints this once, and each lambda call site's
 * first use (~60 µs) cost that run more than the counting.
 */
final class StatusTextView {
    private final AppContext context;
    /** {@code --all}: idle loop devices shown too. */
    private final boolean all;

    StatusTextView(AppContext context, boolean all) {
        this.context = context;
        this.all = all;
    }

    /** Network mounts of a tier: they count in it as devices do (NFS/CIFS have no block device). */
    static long networkMountsOf(StorageModel model, String tier) {
        long count = 0;
        for (Mount m : model.snapshot().mounts()) {
            if (m.network() && is(model.tierOfMount(m.path()), tier)) {
                count++;
            }
        }
        return count;
    }

    /** Whether {@code value} is present and equal to {@code expected}. */
    private static boolean is(java.util.Optional<String> value, String expected) {
        return value.isPresent() && value.get().equals(expected);
    }

    void print(List<HostSpec> hosts, List<HostResult<HostStatus>> results) {
        var out = context.out();
        List<String> tierNames = new ArrayList<>();
        for (var host : hosts) {
            for (Tier t : host.policy().tiers()) {
                if (!tierNames.contains(t.name())) {
                    tierNames.add(t.name());
                }
            }
        }
        List<String> headers = new ArrayList<>(List.of("HOST", "STATUS"));
        for (String t : tierNames) {
            headers.add(t.toUpperCase(java.util.Locale.ROOT));
        }
        headers.add("UNMANAGED");
        headers.add("DRIFT");
        headers.add("ERROR");
        TextTable summary = new TextTable(headers.toArray(new String[0]));
        for (HostResult<HostStatus> r : results) {
            List<Object> row = new ArrayList<>(List.of(r.host(), Colors.statusCell(context, r.status())));
            if (r instanceof HostResult.Ok<HostStatus> ok) {
                StorageModel model = ok.value().model();
                for (String tier : tierNames) {
                    long devices = 0;
                    for (BlockDevice d : model.devicesOf(tier)) {
                        if (!d.isPartition()) {
                            devices++;
                        }
                    }
                    row.add(devices + networkMountsOf(model, tier));
                }
                // the top-level devices the host view lists under "tier unmanaged" (idle loops only with --all)
                long unmanaged = 0;
                for (BlockDevice d : model.snapshot().devices()) {
                    if (!d.isPartition() && !d.hidden() && model.tierOf(d.name()).isEmpty() && (all || !idleLoop(d))) {
                        unmanaged++;
                    }
                }
                row.add(unmanaged);
                row.add(ok.value().drift());
                row.add("");
            } else {
                for (int i = 0; i < tierNames.size(); i++) {
                    row.add("-");
                }
                row.add("-");
                row.add("-");
                row.add(FleetReport.error(r));
            }
            summary.row(row.toArray());
        }
        out.print(summary.render(context.terminalWidth(), ""));
        for (HostResult<HostStatus> r : results) {
            if (r instanceof HostResult.Ok<HostStatus> ok) {
                printHost(ok.value());
            }
        }
        FleetReport.printRecap(out, results);
    }

    private static void deviceRow(TextTable table, jts.fleet.remote.model.HostSnapshot snap, BlockDevice d,
            String prefix) {
        String scheduler = d.scheduler().isPresent() ? d.scheduler().get().current() : "-";
        String readAhead = d.queue().containsKey("read_ahead_kb") ? d.queue().get("read_ahead_kb") + " KiB" : "-";
        List<String> mounts = new ArrayList<>();
        for (Mount m : snap.mountsUsing(d.name())) {
            if (d.name().equals(m.device().orElse(""))) {
                mounts.add(m.path());
            }
        }
        table.row(prefix + d.name(), d.deviceClass().key(), d.model().orElse("-"),
                d.sizeBytes().isPresent() ? Sizes.human(d.sizeBytes().getAsLong()) : "-",
                scheduler, readAhead, d.discardSupported() ? "yes" : "no",
                mounts.isEmpty() ? "-" : String.join(",", mounts),
                d.hidden() ? "hidden multipath path: never managed, I/O counted on its head" : d.classReason());
    }

    /** Detached loop slots (no backing file, size 0), hidden like lsblk does unless {@code --all}. */
    static boolean idleLoop(BlockDevice d) {
        return d.deviceClass() == jts.fleet.inventory.DeviceClass.LOOP && d.sizeBytes().orElse(0) == 0;
    }

    /**
     * The devices of one host's view: top-level devices grouped by tier, each followed by its partitions and,
     * for an NVMe multipath head, its hidden path devices (never a tier of their own). A partition whose disk is
     * not shown stands on its own row rather than as an orphan under another disk.
     */
    private void printHost(HostStatus status) {
        StorageModel model = status.model();
        var out = context.out();
        var snap = model.snapshot();
        out.println();
        out.println(Colors.bold(context, "== " + snap.host() + " (" + HostText.escape(snap.hostname()) + ", kernel "
                + HostText.escape(snap.kernel()) + ")"));
        List<BlockDevice> shown = new ArrayList<>();
        java.util.Set<String> shownNames = new java.util.HashSet<>();
        long idle = 0;
        for (BlockDevice d : snap.devices()) {
            if (idleLoop(d)) {
                idle++;
            }
            if (all || !idleLoop(d)) {
                shown.add(d);
                shownNames.add(d.name());
            }
        }
        Map<String, List<BlockDevice>> byTier = new LinkedHashMap<>();
        for (BlockDevice d : shown) {
            boolean underParent = d.parent().isPresent() && shownNames.contains(d.parent().get());
            boolean underHead = d.hidden() && d.multipathHead().isPresent()
                    && shownNames.contains(d.multipathHead().get());
            if (underParent || underHead) {
                continue;
            }
            String tier = d.hidden() ? "unmanaged" : model.tierOf(d.name()).orElse("unmanaged");
            byTier.putIfAbsent(tier, new ArrayList<>());
            byTier.get(tier).add(d);
        }
        for (var entry : byTier.entrySet()) {
            out.println("tier " + entry.getKey() + ":");
            TextTable table = new TextTable("DEVICE", "CLASS", "MODEL", "SIZE", "SCHEDULER", "READ-AHEAD",
                    "DISCARD", "MOUNTS", "WHY");
            for (BlockDevice d : entry.getValue()) {
                deviceRow(table, snap, d, "");
                for (BlockDevice child : shown) {
                    if (is(child.parent(), d.name())) {
                        deviceRow(table, snap, child, "└ ");
                    } else if (child.hidden() && is(child.multipathHead(), d.name())) {
                        deviceRow(table, snap, child, "└ path ");
                    }
                }
            }
            out.print(table.render(context.terminalWidth(), "  "));
        }
        if (!all && idle > 0) {
            out.println("  " + idle + (idle == 1 ? " idle loop device hidden" : " idle loop devices hidden")
                    + "; --all shows them");
        }
        Map<String, List<Mount>> networkByTier = new LinkedHashMap<>();
        for (Mount m : snap.mounts()) {
            if (m.network()) {
                String tier = model.tierOfMount(m.path()).orElse("unmanaged");
                networkByTier.putIfAbsent(tier, new ArrayList<>());
                networkByTier.get(tier).add(m);
            }
        }
        for (var entry : networkByTier.entrySet()) {
            out.println("tier " + entry.getKey() + ": network mounts");
            TextTable table = new TextTable("PATH", "FSTYPE", "SOURCE", "OPTIONS");
            for (Mount m : entry.getValue()) {
                table.row(m.path(), m.fstype(), m.source(), jts.fleet.remote.tuning.MountOptionCheck.shown(m));
            }
            out.print(table.render(context.terminalWidth(), "  "));
        }
        var trim = status.trim();
        String timer = trim.nextElapse().isPresent() ? "next run " + HostText.escape(trim.nextElapse().get())
                : snap.systemdRunning() ? "jts-fstrim.timer not active (jts-fleet trim install)"
                : "systemd not running: no timer";
        out.println("TRIM timer: " + timer);
        if (!trim.lastPerMount().isEmpty()) {
            out.println("last trim:");
            TextTable table = new TextTable("MOUNT", "RESULT", "WHEN", "BYTES", "REASON");
            var success = trim.lastSuccessPerMount();
            for (var last : trim.lastPerMount().entrySet()) {
                String mount = last.getKey();
                var r = last.getValue();
                String reason = r.reason() == null || r.reason().isEmpty() ? ""
                        : r.reason() + (success.containsKey(mount) ? "; last success " + success.get(mount).time() : "");
                table.row(mount, r.result().key(), r.time(), Sizes.human(r.bytes()), reason);
            }
            out.print(table.render(context.terminalWidth(), "  "));
        }
        for (String warning : snap.warnings()) {
            out.println(Colors.yellow(context, "warning: " + HostText.escape(warning)));
        }
    }
}
