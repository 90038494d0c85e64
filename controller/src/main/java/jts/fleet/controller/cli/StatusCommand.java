package jts.fleet.controller.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.OwnFiles;
import jts.fleet.controller.fleet.HostOutcome;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.gather.HostGather;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.model.BlockDevice;
import jts.fleet.remote.model.HostText;
import jts.fleet.remote.model.Mount;
import jts.fleet.remote.model.StatusJson;
import jts.fleet.remote.model.StorageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jts-fleet status}: each host's storage, classes and tiers, read in one round trip per host. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each selected host's block devices, mounts, classes and tiers (one exec per host).")
public final class StatusCommand implements Callable<Integer> {
    private final AppContext context;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Option(names = "--all", description = "Also show idle loop devices (no backing file), hidden by default.")
    boolean all;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write one JSON report per host and fleet-summary.json into DIR.")
    Path reportDir;

    public StatusCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return fleet.withSession(context, session -> {
            List<HostResult<HostStatus>> results = session.runner().run(session.hosts(),
                    (transport, host) -> {
                        StorageModel model = HostGather.model(transport, host, session.commandTimeout());
                        return HostOutcome.ok(new HostStatus(model, tuningDrift(model, host.policy())));
                    },
                    r -> {
                        if (!output.json()) {
                            FleetReport.progress(context, r);
                        }
                    });
            // the JSON document only when something prints or writes it: a text run never starts Jackson
            if (output.json() || reportDir != null) {
                List<ObjectNode> hostNodes = new ArrayList<>();
                for (HostResult<HostStatus> r : results) {
                    hostNodes.add(hostJson(r));
                }
                ObjectNode doc = Json.object();
                ArrayNode hostsArray = doc.putArray("hosts");
                hostNodes.forEach(hostsArray::add);
                doc.set("recap", FleetReport.recapJson(results));
                if (reportDir != null) {
                    writeReports(hostNodes, doc);
                }
                if (output.json()) {
                    context.out().println(Json.pretty(doc));
                }
            }
            if (!output.json()) {
                printText(session, results);
            }
            FleetReport.printErrors(context.err(), results);
            return FleetReport.exitCode(results);
        });
    }

    static ObjectNode hostJson(HostResult<HostStatus> r) {
        ObjectNode node = FleetReport.hostEntry(r);
        if (r instanceof HostResult.Ok<HostStatus> ok) {
            StorageModel model = ok.value().model();
            node.put("hostname", model.snapshot().hostname());
            node.put("kernel", model.snapshot().kernel());
            ObjectNode body = StatusJson.devicesAndMounts(model);
            node.setAll(body);
            ArrayNode unmanaged = node.putArray("unmanaged");
            model.unmanaged().forEach(unmanaged::add);
            node.put("drift", ok.value().drift());
            node.set("trim", jts.fleet.controller.trim.TrimViews.json(trimStatus(model)));
            ArrayNode warnings = node.putArray("warnings");
            model.snapshot().warnings().forEach(warnings::add);
        } else {
            node.putArray("devices");
            node.putArray("mounts");
        }
        return node;
    }

    /**
     * Queue attributes that differ from the policy right now (what {@code apply} would set), computed from the
     * same snapshot: no extra round trip.
     */
    static long tuningDrift(StorageModel model, jts.fleet.inventory.Policy policy) {
        return jts.fleet.remote.tuning.TuningPlanner.plan(model, policy).drift().size();
    }

    /** One host's status: its storage model and how many settings differ from the policy. */
    record HostStatus(StorageModel model, long drift) {
    }

    /** Last TRIM per filesystem (trim.jsonl) and the timer's next elapse, both from the gather snapshot. */
    static jts.fleet.remote.trim.TrimStatus trimStatus(StorageModel model) {
        var snap = model.snapshot();
        var fromLog = jts.fleet.remote.trim.TrimStatus.fromLog(snap.host(), snap.trimLog());
        return new jts.fleet.remote.trim.TrimStatus(snap.host(), snap.trimTimerNextElapse(), fromLog.log());
    }

    private void writeReports(List<ObjectNode> hostNodes, ObjectNode summary) throws IOException {
        OwnFiles.createDirectories(reportDir, OwnFiles.Access.SHARED);
        for (ObjectNode node : hostNodes) {
            String host = node.get("host").asText();
            OwnFiles.writeString(reportDir.resolve(host + ".json"), Json.pretty(node) + "\n", OwnFiles.Access.SHARED);
        }
        ObjectNode fleetSummary = Json.object();
        ArrayNode rows = fleetSummary.putArray("hosts");
        for (ObjectNode node : hostNodes) {
            ObjectNode row = rows.addObject();
            row.put("host", node.get("host").asText());
            row.put("status", node.get("status").asText());
            row.set("error", node.get("error"));
            row.set("devices_per_tier", Json.MAPPER.valueToTree(devicesPerTier(node)));
        }
        fleetSummary.set("recap", summary.get("recap"));
        OwnFiles.writeString(reportDir.resolve("fleet-summary.json"), Json.pretty(fleetSummary) + "\n",
                OwnFiles.Access.SHARED);
    }

    /** Whole devices per tier, plus network mounts (which have no device) in the tier of their mount. */
    private static Map<String, Integer> devicesPerTier(ObjectNode host) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        host.path("devices").forEach(d -> {
            if (d.path("parent").isNull() || d.path("parent").isMissingNode()) {
                String tier = d.path("tier").isNull() ? "unmanaged" : d.path("tier").asText("unmanaged");
                counts.merge(tier, 1, Integer::sum);
            }
        });
        host.path("mounts").forEach(m -> {
            if (m.path("network").asBoolean(false)) {
                String tier = m.path("tier").isNull() ? "unmanaged" : m.path("tier").asText("unmanaged");
                counts.merge(tier, 1, Integer::sum);
            }
        });
        return counts;
    }

    /** Network mounts of a tier: they count in it as devices do (NFS/CIFS have no block device). */
    static long networkMountsOf(StorageModel model, String tier) {
        return model.snapshot().mounts().stream().filter(Mount::network)
                .filter(m -> model.tierOfMount(m.path()).filter(tier::equals).isPresent()).count();
    }

    private void printText(FleetSession session, List<HostResult<HostStatus>> results) {
        var out = context.out();
        List<String> tierNames = new ArrayList<>();
        for (var host : session.hosts()) {
            for (Tier t : host.policy().tiers()) {
                if (!tierNames.contains(t.name())) {
                    tierNames.add(t.name());
                }
            }
        }
        List<String> headers = new ArrayList<>(List.of("HOST", "STATUS"));
        tierNames.forEach(t -> headers.add(t.toUpperCase(java.util.Locale.ROOT)));
        headers.add("UNMANAGED");
        headers.add("DRIFT");
        headers.add("ERROR");
        TextTable summary = new TextTable(headers.toArray(String[]::new));
        for (HostResult<HostStatus> r : results) {
            List<Object> row = new ArrayList<>(List.of(r.host(), Colors.statusCell(context, r.status())));
            if (r instanceof HostResult.Ok<HostStatus> ok) {
                StorageModel model = ok.value().model();
                for (String tier : tierNames) {
                    row.add(model.devicesOf(tier).stream().filter(d -> !d.isPartition()).count()
                            + networkMountsOf(model, tier));
                }
                // the top-level devices the host view lists under "tier unmanaged" (idle loops only with --all)
                row.add(model.snapshot().devices().stream().filter(d -> !d.isPartition() && !d.hidden()
                        && model.tierOf(d.name()).isEmpty() && (all || !idleLoop(d))).count());
                row.add(ok.value().drift());
                row.add("");
            } else {
                tierNames.forEach(t -> row.add("-"));
                row.add("-");
                row.add("-");
                row.add(errorOf(r));
            }
            summary.row(row.toArray());
        }
        out.print(summary.render(context.terminalWidth(), ""));
        for (HostResult<HostStatus> r : results) {
            if (r instanceof HostResult.Ok<HostStatus> ok) {
                printHost(ok.value().model());
            }
        }
        FleetReport.printRecap(out, results);
    }

    private static void deviceRow(TextTable table, jts.fleet.remote.model.HostSnapshot snap, BlockDevice d,
            String prefix) {
        String scheduler = d.scheduler().map(sch -> sch.current()).orElse("-");
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

    private static String errorOf(HostResult<?> r) {
        if (r instanceof HostResult.Failed<?> f) {
            return f.failure().key() + ": " + f.message();
        }
        if (r instanceof HostResult.Unreachable<?> u) {
            return u.message();
        }
        return "";
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
    private void printHost(StorageModel model) {
        var out = context.out();
        var snap = model.snapshot();
        out.println();
        out.println(Colors.bold(context, "== " + snap.host() + " (" + HostText.escape(snap.hostname()) + ", kernel "
                + HostText.escape(snap.kernel()) + ")"));
        List<BlockDevice> shown = snap.devices().stream().filter(d -> all || !idleLoop(d)).toList();
        java.util.Set<String> shownNames = new java.util.HashSet<>();
        shown.forEach(d -> shownNames.add(d.name()));
        Map<String, List<BlockDevice>> byTier = new LinkedHashMap<>();
        for (BlockDevice d : shown) {
            boolean underParent = d.parent().filter(shownNames::contains).isPresent();
            boolean underHead = d.hidden() && d.multipathHead().filter(shownNames::contains).isPresent();
            if (underParent || underHead) {
                continue;
            }
            String tier = d.hidden() ? "unmanaged" : model.tierOf(d.name()).orElse("unmanaged");
            byTier.computeIfAbsent(tier, k -> new ArrayList<>()).add(d);
        }
        for (var entry : byTier.entrySet()) {
            out.println("tier " + entry.getKey() + ":");
            TextTable table = new TextTable("DEVICE", "CLASS", "MODEL", "SIZE", "SCHEDULER", "READ-AHEAD",
                    "DISCARD", "MOUNTS", "WHY");
            for (BlockDevice d : entry.getValue()) {
                deviceRow(table, snap, d, "");
                for (BlockDevice child : shown) {
                    if (child.parent().filter(d.name()::equals).isPresent()) {
                        deviceRow(table, snap, child, "└ ");
                    } else if (child.hidden() && child.multipathHead().filter(d.name()::equals).isPresent()) {
                        deviceRow(table, snap, child, "└ path ");
                    }
                }
            }
            out.print(table.render(context.terminalWidth(), "  "));
        }
        long idle = snap.devices().stream().filter(StatusCommand::idleLoop).count();
        if (!all && idle > 0) {
            out.println("  " + idle + (idle == 1 ? " idle loop device hidden" : " idle loop devices hidden")
                    + "; --all shows them");
        }
        Map<String, List<Mount>> networkByTier = new LinkedHashMap<>();
        for (Mount m : snap.mounts()) {
            if (m.network()) {
                networkByTier.computeIfAbsent(model.tierOfMount(m.path()).orElse("unmanaged"), k -> new ArrayList<>())
                        .add(m);
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
        var trim = trimStatus(model);
        out.println("TRIM timer: " + trim.nextElapse().map(n -> "next run " + HostText.escape(n))
                .orElse(snap.systemdRunning() ? "jts-fstrim.timer not active (jts-fleet trim install)"
                        : "systemd not running: no timer"));
        if (!trim.lastPerMount().isEmpty()) {
            out.println("last trim:");
            TextTable table = new TextTable("MOUNT", "RESULT", "WHEN", "BYTES", "REASON");
            var success = trim.lastSuccessPerMount();
            trim.lastPerMount().forEach((mount, r) -> table.row(mount, r.result().key(), r.time(),
                    Sizes.human(r.bytes()), r.reason() == null || r.reason().isEmpty()
                            ? "" : r.reason() + (success.containsKey(mount) ? "; last success " + success.get(mount).time() : "")));
            out.print(table.render(context.terminalWidth(), "  "));
        }
        for (String warning : snap.warnings()) {
            out.println(Colors.yellow(context, "warning: " + HostText.escape(warning)));
        }
    }

}
