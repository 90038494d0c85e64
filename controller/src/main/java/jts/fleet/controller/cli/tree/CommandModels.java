// GENERATED from the picocli annotations of the command tree by CommandModelsGenerator (tests): do not edit.
// After changing a command's annotations, regenerate with: mvn -o -q test -pl controller -am -Dtest=CommandModelsTest -Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false
package jts.fleet.controller.cli.tree;

import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The picocli model of every command of the tree ({@link CommandTree}), as code generated at build time
 * from the commands' annotations: a one-shot run builds its command's model without reading an
 * annotation (reading them makes a proxy class per annotation type and scans every member; ~40 % of a
 * local status's start-up). {@code CommandModelsTest} keeps this file equal to what the generator makes
 * of the annotations now, and each model equal to picocli's own from the annotations.
 */
final class CommandModels {
    private CommandModels() {
    }

    /**
     * The generated model of {@code command}, or null for a class of no command of the tree. By class name: a
     * class literal per command would load every command class of the tree to build one command's model.
     */
    static CommandSpec spec(Object command, IFactory factory) {
        switch (command.getClass().getName()) {
            case "jts.fleet.controller.cli.tree.JtsFleetCommand":
                return jtsFleetCommand(command, factory);
            case "jts.fleet.controller.cli.status.Status":
                return status(command, factory);
            case "jts.fleet.controller.cli.inventory.InventoryGroup":
                return inventoryGroup(command, factory);
            case "jts.fleet.controller.cli.status.Snapshot":
                return snapshot(command, factory);
            case "jts.fleet.controller.cli.tuning.Plan":
                return plan(command, factory);
            case "jts.fleet.controller.cli.tuning.Apply":
                return apply(command, factory);
            case "jts.fleet.controller.cli.tuning.Verify":
                return verify(command, factory);
            case "jts.fleet.controller.cli.tuning.Rollback":
                return rollback(command, factory);
            case "jts.fleet.controller.cli.trim.Trim":
                return trim(command, factory);
            case "jts.fleet.controller.cli.history.History":
                return history(command, factory);
            case "jts.fleet.controller.cli.bench.BenchGroup":
                return benchGroup(command, factory);
            case "jts.fleet.controller.cli.bench.Experiment":
                return experiment(command, factory);
            case "jts.fleet.controller.cli.monitor.Watch":
                return watch(command, factory);
            case "jts.fleet.controller.cli.monitor.Check":
                return check(command, factory);
            case "jts.fleet.controller.cli.monitor.MonitorGroup":
                return monitorGroup(command, factory);
            case "jts.fleet.controller.cli.render.RenderGroup":
                return renderGroup(command, factory);
            case "jts.fleet.controller.cli.tree.CompleteCommand":
                return completeCommand(command, factory);
            case "jts.fleet.controller.cli.inventory.InventoryList":
                return inventoryList(command, factory);
            case "jts.fleet.controller.cli.inventory.InventoryCheck":
                return inventoryCheck(command, factory);
            case "jts.fleet.controller.cli.trim.Install":
                return install(command, factory);
            case "jts.fleet.controller.cli.bench.Run":
                return run(command, factory);
            case "jts.fleet.controller.cli.bench.ListRuns":
                return listRuns(command, factory);
            case "jts.fleet.controller.cli.bench.Show":
                return show(command, factory);
            case "jts.fleet.controller.cli.bench.Compare":
                return compare(command, factory);
            case "jts.fleet.controller.cli.bench.Report":
                return report(command, factory);
            case "jts.fleet.controller.cli.monitor.Install":
                return monitorInstall(command, factory);
            case "jts.fleet.controller.cli.monitor.RunOnce":
                return runOnce(command, factory);
            case "jts.fleet.controller.cli.render.Systemd":
                return systemd(command, factory);
            case "jts.fleet.controller.cli.render.Udev":
                return udev(command, factory);
            case "jts.fleet.controller.cli.render.Alerts":
                return alerts(command, factory);
            case "jts.fleet.controller.cli.render.Dashboard":
                return dashboard(command, factory);
            default:
                return null;
        }
    }

    /** {@link jts.fleet.controller.cli.tree.JtsFleetCommand}. */
    private static CommandSpec jtsFleetCommand(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("jts-fleet");
        spec.usageMessage().description(
                "Keeps the storage of a fleet of latency-critical Linux hosts tuned, trimmed, measured and watched,",
                "over SSH, with nothing installed on the hosts but what it pushes itself.");
        spec.usageMessage().footer(
                "  0   success (and, for verify/check, everything matches)",
                "  1   internal error",
                "  2   usage error, malformed inventory or policy, a pattern selecting no host",
                "  3   verify: drift found (check: UNKNOWN)",
                "  4   refused: blackout window, another run holds the lock",
                "  5   bench compare: regression beyond the threshold",
                "  10  at least one host failed",
                "  11  at least one host unreachable (and none failed otherwise)",
                "  130 interrupted (Ctrl-C); apply, rollback and trim first let the host steps in flight finish",
                "See README.md and docs/ for the full reference.");
        spec.usageMessage().footerHeading("%nExit codes:%n");
        spec.versionProvider(ModelParts.create(jts.fleet.controller.cli.VersionProvider.class, factory));
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.tree.JtsFleetCommand", "verbose", "-v", "--verbose")
                .type(boolean[].class)
                .arity(ModelParts.arity("0", true))
                .scopeType(picocli.CommandLine.ScopeType.INHERIT)
                .paramLabel("<verbose>")
                .description("Log what the engine and sshj do to stderr; -vv: everything at debug level.")
                .withToString("field boolean[] jts.fleet.controller.cli.tree.JtsFleetCommand.verbose")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.tree.JtsFleetCommand", "logFile", "--log-file")
                .type(java.nio.file.Path.class)
                .scopeType(picocli.CommandLine.ScopeType.INHERIT)
                .paramLabel("FILE")
                .description("Write that log to FILE instead of stderr (at -v level when -v is not given).")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.tree.JtsFleetCommand.logFile")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.status.Status}. */
    private static CommandSpec status(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("status");
        spec.usageMessage().description("Show each selected host's block devices, mounts, classes and tiers (one exec per host).");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.status.Status", "all", "--all")
                .type(boolean.class)
                .paramLabel("<all>")
                .description("Also show idle loop devices (no backing file), hidden by default.")
                .withToString("field boolean jts.fleet.controller.cli.status.Status.all")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.status.Status", "reportDir", "--report")
                .type(java.nio.file.Path.class)
                .paramLabel("DIR")
                .description("Also write one JSON report per host and fleet-summary.json into DIR.")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.status.Status.reportDir")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.inventory.InventoryGroup}. */
    private static CommandSpec inventoryGroup(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("inventory");
        spec.usageMessage().description("Inspect and validate the inventory and tier policy.");
        spec.addSubcommand("list", ModelParts.subcommand(jts.fleet.controller.cli.inventory.InventoryList.class, factory));
        spec.addSubcommand("check", ModelParts.subcommand(jts.fleet.controller.cli.inventory.InventoryCheck.class, factory));
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.status.Snapshot}. */
    private static CommandSpec snapshot(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("snapshot");
        spec.usageMessage().description("Save each selected host's gather output (the framed text the parser reads) to DIR/<host>.gather.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.status.Snapshot", "outDir", "--out")
                .type(java.nio.file.Path.class)
                .paramLabel("DIR")
                .description("Directory (default: current).")
                .defaultValue(".")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.status.Snapshot.outDir")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.tuning.Plan}. */
    private static CommandSpec plan(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("plan");
        spec.usageMessage().description(
                "Show what apply would change, per host, device and attribute.",
                "Current, desired, action and reason, and the diff of the udev rules file apply would push.",
                "Changes nothing.");
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.tuning.Apply}. */
    private static CommandSpec apply(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.addMixin("rollout", rollout(ModelParts.mixin(object, "jts.fleet.controller.cli.tuning.RolloutCommand", "rollout", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.tuning.Rollout jts.fleet.controller.cli.tuning.RolloutCommand.rollout"));
        spec.addMixin("change", changeOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.tuning.RolloutCommand", "change", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ChangeOptions jts.fleet.controller.cli.tuning.RolloutCommand.change"));
        spec.name("apply");
        spec.usageMessage().description(
                "Apply each tier's queue settings and push the udev rules that keep them.",
                "Records the previous values on the host first, writes sysfs live, pushes the rules, triggers only",
                "the affected devices and verifies. A host where any step fails is restored to how it was.",
                "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force.");
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.tuning.Verify}. */
    private static CommandSpec verify(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("verify");
        spec.usageMessage().description(
                "Check every tuned setting: exit 0 when all match, 3 on drift.",
                "Each finding names host, device, attribute, expected, actual and the likely culprit.");
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.tuning.Rollback}. */
    private static CommandSpec rollback(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.addMixin("rollout", rollout(ModelParts.mixin(object, "jts.fleet.controller.cli.tuning.RolloutCommand", "rollout", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.tuning.Rollout jts.fleet.controller.cli.tuning.RolloutCommand.rollout"));
        spec.addMixin("change", changeOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.tuning.RolloutCommand", "change", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ChangeOptions jts.fleet.controller.cli.tuning.RolloutCommand.change"));
        spec.name("rollback");
        spec.usageMessage().description(
                "Restore the values recorded before the first apply, all or nothing per host.",
                "Then removes the pushed udev rules file and the state file on each host. A state file that does not",
                "read back whole (cut, changed) restores nothing and removes nothing: the values it could read and",
                "the way back are shown.",
                "Refused (exit 4, host not touched) inside the host's maintenance.blackout window unless --force.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.tuning.Rollback", "forgetMissing", "--forget-missing")
                .type(boolean.class)
                .paramLabel("<forgetMissing>")
                .description("Drop the recorded values of devices no longer on a host (else they stop its rollback).")
                .withToString("field boolean jts.fleet.controller.cli.tuning.Rollback.forgetMissing")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.trim.Trim}. */
    private static CommandSpec trim(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("trim");
        spec.usageMessage().description(
                "Run TRIM now on each selected host (refused in a blackout window).",
                "Uses the pushed jts-fstrim script; exit 4 inside a maintenance.blackout window unless --force.");
        spec.addSubcommand("install", ModelParts.subcommand(jts.fleet.controller.cli.trim.Install.class, factory));
        spec.addMixin("override", freezeOverride(ModelParts.mixin(object, "jts.fleet.controller.cli.trim.Trim", "override", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FreezeOverride jts.fleet.controller.cli.trim.Trim.override"));
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.trim.Trim", "dryRun", "--dry-run")
                .type(boolean.class)
                .paramLabel("<dryRun>")
                .description("Say what would be trimmed; trim nothing, record nothing.")
                .withToString("field boolean jts.fleet.controller.cli.trim.Trim.dryRun")
                .build());
        spec.addMixin("change", changeOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.trim.Trim", "change", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ChangeOptions jts.fleet.controller.cli.trim.Trim.change"));
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.history.History}. */
    private static CommandSpec history(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("history");
        spec.usageMessage().description(
                "Show who changed what on which host, when and why, newest first.",
                "From the controller's change file ($XDG_STATE_HOME/jts-fleet/changes.jsonl), or with --from-hosts from",
                "each host's own /var/lib/jts-fleet/changes.jsonl (the truth when several controllers exist). A change",
                "that started and never ended (a crash, a lost host) is shown as unfinished.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.history.History", "since", "--since")
                .type(java.lang.String.class)
                .paramLabel("WHEN")
                .description("Only changes started at or after WHEN: an age (7d, 36h) or a date or time (2026-12-01, 2026-12-01T14:30 in the controller's time zone, 2026-12-01T19:30:00Z).")
                .withToString("field String jts.fleet.controller.cli.history.History.since")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.history.History", "until", "--until")
                .type(java.lang.String.class)
                .paramLabel("WHEN")
                .description("Only changes started before WHEN (same forms).")
                .withToString("field String jts.fleet.controller.cli.history.History.until")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.history.History", "reason", "--reason")
                .type(java.lang.String.class)
                .paramLabel("TEXT")
                .description("Only changes whose --reason contains TEXT (any case).")
                .withToString("field String jts.fleet.controller.cli.history.History.reason")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.history.History", "run", "--run")
                .type(java.lang.String.class)
                .paramLabel("ID")
                .description("Only the changes of this run.")
                .withToString("field String jts.fleet.controller.cli.history.History.run")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.history.History", "fromHosts", "--from-hosts")
                .type(boolean.class)
                .paramLabel("<fromHosts>")
                .description("Read the hosts' own change records instead of the controller's.")
                .withToString("field boolean jts.fleet.controller.cli.history.History.fromHosts")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.BenchGroup}. */
    private static CommandSpec benchGroup(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("bench");
        spec.usageMessage().description("fio benchmarks per tier and workload shape: run, list, show, compare, report.");
        spec.addSubcommand("run", ModelParts.subcommand(jts.fleet.controller.cli.bench.Run.class, factory));
        spec.addSubcommand("list", ModelParts.subcommand(jts.fleet.controller.cli.bench.ListRuns.class, factory));
        spec.addSubcommand("show", ModelParts.subcommand(jts.fleet.controller.cli.bench.Show.class, factory));
        spec.addSubcommand("compare", ModelParts.subcommand(jts.fleet.controller.cli.bench.Compare.class, factory));
        spec.addSubcommand("report", ModelParts.subcommand(jts.fleet.controller.cli.bench.Report.class, factory));
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.Experiment}. */
    private static CommandSpec experiment(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.addMixin("store", storeOption(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "store", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.StoreOption jts.fleet.controller.cli.bench.MeasuringCommand.store"));
        spec.addMixin("sizing", sizing(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "sizing", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.Sizing jts.fleet.controller.cli.bench.MeasuringCommand.sizing"));
        spec.addMixin("override", freezeOverride(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "override", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FreezeOverride jts.fleet.controller.cli.bench.MeasuringCommand.override"));
        spec.addMixin("change", changeOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "change", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ChangeOptions jts.fleet.controller.cli.bench.MeasuringCommand.change"));
        spec.name("experiment");
        spec.usageMessage().description(
                "A/B experiment: interleave two settings of the target's device(s), measure, restore.",
                "Reports each arm's median, the difference with a 95%% bootstrap interval and a verdict.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Experiment", "set", "--set")
                .type(java.lang.String.class)
                .required(true)
                .paramLabel("ATTR=A,B")
                .description("e.g. scheduler=none,mq-deadline")
                .withToString("field String jts.fleet.controller.cli.bench.Experiment.set")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Experiment", "profile", "--profile")
                .type(java.lang.String.class)
                .required(true)
                .paramLabel("NAME")
                .description("One fio profile.")
                .withToString("field String jts.fleet.controller.cli.bench.Experiment.profile")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Experiment", "target", "--target")
                .type(java.lang.String.class)
                .required(true)
                .paramLabel("DIR")
                .description("Directory on the host.")
                .withToString("field String jts.fleet.controller.cli.bench.Experiment.target")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Experiment", "rounds", "--rounds")
                .type(int.class)
                .paramLabel("N")
                .description("Rounds of A and B (default: ${DEFAULT-VALUE}).")
                .defaultValue("3")
                .withToString("field int jts.fleet.controller.cli.bench.Experiment.rounds")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.monitor.Watch}. */
    private static CommandSpec watch(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("watch");
        spec.usageMessage().description(
                "Live fleet I/O view (iostat -x semantics), worst devices first.",
                "One sampler per host streams its counters, stamped with the host's clock, over a persistent",
                "connection: a slow login shell is paid once, rates follow the host's clock, a late host shows",
                "a gap. Breaches of the tier thresholds are highlighted. -o json: one JSON object per interval.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.monitor.Watch", "interval", "--interval")
                .type(java.time.Duration.class)
                .paramLabel("DURATION")
                .description("Sampling interval (default: ${DEFAULT-VALUE}).")
                .defaultValue("1s")
                .converters(ModelParts.create(jts.fleet.controller.cli.DurationConverter.class, factory))
                .withToString("field java.time.Duration jts.fleet.controller.cli.monitor.Watch.interval")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.monitor.Watch", "count", "--count")
                .type(long.class)
                .paramLabel("N")
                .description("Stop after N intervals (default: until interrupted).")
                .defaultValue("0")
                .withToString("field long jts.fleet.controller.cli.monitor.Watch.count")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.monitor.Watch", "tiers", "--tier")
                .type(java.util.Set.class)
                .paramLabel("NAME")
                .description("Only devices of these tiers.")
                .splitRegex(",")
                .withToString("field java.util.Set<String> jts.fleet.controller.cli.monitor.Watch.tiers")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.monitor.Watch", "devices", "--device")
                .type(java.util.List.class)
                .paramLabel("GLOB")
                .description("Only devices matching these globs.")
                .splitRegex(",")
                .withToString("field java.util.List<String> jts.fleet.controller.cli.monitor.Watch.devices")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.monitor.Watch", "showIdle", "--all-devices")
                .type(boolean.class)
                .paramLabel("<showIdle>")
                .description("Also show idle devices outside every tier.")
                .withToString("field boolean jts.fleet.controller.cli.monitor.Watch.showIdle")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.monitor.Check}. */
    private static CommandSpec check(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("check");
        spec.usageMessage().description(
                "Evaluate the tier thresholds once, Nagios style (exit 0/1/2/3).",
                "Latency, flush latency, drift, TRIM overdue and NVMe health; one line per finding. The status",
                "line carries performance data per host and tier ('hot_read_await_ms'=0.4ms;1;5). A bad",
                "command line or inventory is UNKNOWN (exit 3), as the plugin guidelines ask.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.monitor.Check", "gap", "--gap")
                .type(java.time.Duration.class)
                .paramLabel("DURATION")
                .description("Time between the two I/O samples (default: ${DEFAULT-VALUE}).")
                .defaultValue("1s")
                .converters(ModelParts.create(jts.fleet.controller.cli.DurationConverter.class, factory))
                .withToString("field java.time.Duration jts.fleet.controller.cli.monitor.Check.gap")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.monitor.MonitorGroup}. */
    private static CommandSpec monitorGroup(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("monitor");
        spec.usageMessage().description("Host-side metrics for Prometheus (node_exporter textfile).");
        spec.addSubcommand("install", ModelParts.subcommand(jts.fleet.controller.cli.monitor.Install.class, factory));
        spec.addSubcommand("run-once", ModelParts.subcommand(jts.fleet.controller.cli.monitor.RunOnce.class, factory));
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.render.RenderGroup}. */
    private static CommandSpec renderGroup(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("render");
        spec.usageMessage().description("Render generated artifacts (systemd units, udev rules, alert rules, dashboard).");
        spec.addSubcommand("systemd", ModelParts.subcommand(jts.fleet.controller.cli.render.Systemd.class, factory));
        spec.addSubcommand("udev", ModelParts.subcommand(jts.fleet.controller.cli.render.Udev.class, factory));
        spec.addSubcommand("alerts", ModelParts.subcommand(jts.fleet.controller.cli.render.Alerts.class, factory));
        spec.addSubcommand("dashboard", ModelParts.subcommand(jts.fleet.controller.cli.render.Dashboard.class, factory));
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.tree.CompleteCommand}. */
    private static CommandSpec completeCommand(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("__complete");
        spec.usageMessage().description("Completion candidates for the shell completion scripts.");
        spec.usageMessage().hidden(true);
        spec.addPositional(ModelParts.positional(object, "jts.fleet.controller.cli.tree.CompleteCommand", "what")
                .type(java.lang.String.class)
                .required(true)
                .index("0")
                .paramLabel("WHAT")
                .description("hosts")
                .withToString("field String jts.fleet.controller.cli.tree.CompleteCommand.what")
                .build());
        spec.addPositional(ModelParts.positional(object, "jts.fleet.controller.cli.tree.CompleteCommand", "word")
                .type(java.lang.String.class)
                .arity(ModelParts.arity("0..1", false))
                .index("1")
                .paramLabel("WORD")
                .description("The word being completed.")
                .withToString("field String jts.fleet.controller.cli.tree.CompleteCommand.word")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.tree.CompleteCommand", "inventory", "--inventory")
                .type(java.nio.file.Path.class)
                .paramLabel("FILE")
                .description("Inventory file.")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.tree.CompleteCommand.inventory")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.FleetOptions}. */
    private static CommandSpec fleetOptions(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("selection", hostSelection(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetOptions", "selection", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.HostSelection jts.fleet.controller.cli.FleetOptions.selection"));
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.FleetOptions", "forks", "--forks")
                .type(int.class)
                .paramLabel("N")
                .description("Hosts served in parallel (default: ${DEFAULT-VALUE}).")
                .defaultValue("32")
                .withToString("field int jts.fleet.controller.cli.FleetOptions.forks")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.FleetOptions", "listHosts", "--list-hosts")
                .type(boolean.class)
                .paramLabel("<listHosts>")
                .description("Print the selected hosts and exit.")
                .withToString("field boolean jts.fleet.controller.cli.FleetOptions.listHosts")
                .build());
        spec.addMixin("connection", connectionOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetOptions", "connection", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ConnectionOptions jts.fleet.controller.cli.FleetOptions.connection"));
        spec.addOption(ModelParts.setterOption(spec, object, "jts.fleet.controller.cli.FleetOptions", "sshConfig", java.lang.String.class, "--ssh-config")
                .type(java.lang.String.class)
                .paramLabel("FILE")
                .description("OpenSSH client config read instead of ~/.ssh/config and /etc/ssh/ssh_config, or 'none'; wins over the inventory's ssh_config.")
                .withToString("method void jts.fleet.controller.cli.FleetOptions.sshConfig(String)")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.OutputOptions}. */
    private static CommandSpec outputOptions(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.OutputOptions", "format", "-o", "--output")
                .type(jts.fleet.controller.cli.OutputOptions.Format.class)
                .paramLabel("FORMAT")
                .description("Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
                .defaultValue("text")
                .withToString("field jts.fleet.controller.cli.OutputOptions$Format jts.fleet.controller.cli.OutputOptions.format")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.inventory.InventoryList}. */
    private static CommandSpec inventoryList(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", hostSelection(ModelParts.mixin(object, "jts.fleet.controller.cli.inventory.InventoryCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.HostSelection jts.fleet.controller.cli.inventory.InventoryCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.inventory.InventoryCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.inventory.InventoryCommand.output"));
        spec.name("list");
        spec.usageMessage().description("List the selected hosts with their connection settings, groups and tiers.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.inventory.InventoryList", "explain", "--explain")
                .type(java.lang.String.class)
                .paramLabel("HOST")
                .description("Each effective connection value of HOST and where it came from (inventory file:line and key, ssh_config file:line, Ansible file and variable, default).")
                .withToString("field String jts.fleet.controller.cli.inventory.InventoryList.explain")
                .build());
        spec.addOption(ModelParts.setterOption(spec, object, "jts.fleet.controller.cli.inventory.InventoryList", "sshConfig", java.lang.String.class, "--ssh-config")
                .type(java.lang.String.class)
                .paramLabel("FILE")
                .description("OpenSSH client config read instead of ~/.ssh/config and /etc/ssh/ssh_config, or 'none' (what --explain shows).")
                .withToString("method void jts.fleet.controller.cli.inventory.InventoryList.sshConfig(String)")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.inventory.InventoryCheck}. */
    private static CommandSpec inventoryCheck(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", hostSelection(ModelParts.mixin(object, "jts.fleet.controller.cli.inventory.InventoryCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.HostSelection jts.fleet.controller.cli.inventory.InventoryCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.inventory.InventoryCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.inventory.InventoryCommand.output"));
        spec.name("check");
        spec.usageMessage().description(
                "Validate the inventory and policy; exit 2 with file, line and key on the first error.",
                "Also refuses a maintenance.trim_schedule that would start inside a blackout window within a year.");
        spec.addOption(ModelParts.setterOption(spec, object, "jts.fleet.controller.cli.inventory.InventoryCheck", "sshConfig", java.lang.String.class, "--ssh-config")
                .type(java.lang.String.class)
                .paramLabel("FILE")
                .description("OpenSSH client config read instead of ~/.ssh/config and /etc/ssh/ssh_config, or 'none' (checked with the inventory).")
                .withToString("method void jts.fleet.controller.cli.inventory.InventoryCheck.sshConfig(String)")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.tuning.Rollout}. */
    private static CommandSpec rollout(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.tuning.Rollout", "serial", "--serial")
                .type(java.lang.String.class)
                .paramLabel("N|N%")
                .description("Hosts per batch, a number or a percentage of the selection (default: ${DEFAULT-VALUE}).")
                .defaultValue("100%")
                .withToString("field String jts.fleet.controller.cli.tuning.Rollout.serial")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.tuning.Rollout", "maxFail", "--max-fail")
                .type(java.lang.String.class)
                .paramLabel("N%")
                .description("Stop before the next batch when more than this share of a batch failed (default: ${DEFAULT-VALUE}).")
                .defaultValue("0%")
                .withToString("field String jts.fleet.controller.cli.tuning.Rollout.maxFail")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.tuning.Rollout", "dryRun", "--dry-run")
                .type(boolean.class)
                .paramLabel("<dryRun>")
                .description("Show what would change; change nothing (allowed inside a blackout window).")
                .withToString("field boolean jts.fleet.controller.cli.tuning.Rollout.dryRun")
                .build());
        spec.addMixin("override", freezeOverride(ModelParts.mixin(object, "jts.fleet.controller.cli.tuning.Rollout", "override", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FreezeOverride jts.fleet.controller.cli.tuning.Rollout.override"));
        return spec;
    }

    /** {@link jts.fleet.controller.cli.ChangeOptions}. */
    private static CommandSpec changeOptions(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.ChangeOptions", "reason", "--reason")
                .type(java.lang.String.class)
                .paramLabel("TEXT")
                .description("Why (a ticket id or a sentence): kept in the change record on the controller and on each host. Required with --force.")
                .withToString("field String jts.fleet.controller.cli.ChangeOptions.reason")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.ChangeOptions", "yes", "-y", "--yes")
                .type(boolean.class)
                .paramLabel("<yes>")
                .description("Change the whole inventory, or more than defaults.confirm_above hosts, without asking (needed where there is no terminal to ask on).")
                .withToString("field boolean jts.fleet.controller.cli.ChangeOptions.yes")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.trim.Install}. */
    private static CommandSpec install(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.InstallCommand", "dryRun", "--dry-run")
                .type(boolean.class)
                .paramLabel("<dryRun>")
                .description("Compare only: say which files would change.")
                .withToString("field boolean jts.fleet.controller.cli.InstallCommand.dryRun")
                .build());
        spec.addMixin("change", changeOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.InstallCommand", "change", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ChangeOptions jts.fleet.controller.cli.InstallCommand.change"));
        spec.name("install");
        spec.usageMessage().description(
                "Push the TRIM script, its config and jts-fstrim.service/.timer to each host (atomically,",
                "unchanged files are not rewritten); reload systemd and enable the timer where systemd runs.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.trim.Install", "maskFstrimTimer", "--mask-fstrim-timer")
                .type(boolean.class)
                .paramLabel("<maskFstrimTimer>")
                .description("Disable and mask util-linux's fstrim.timer (it would trim again, without blackout).")
                .withToString("field boolean jts.fleet.controller.cli.trim.Install.maskFstrimTimer")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.trim.Install", "textfileDir", "--textfile-dir")
                .type(java.lang.String.class)
                .paramLabel("DIR")
                .description("node_exporter textfile directory for jts_trim_* metrics.")
                .withToString("field String jts.fleet.controller.cli.trim.Install.textfileDir")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.FreezeOverride}. */
    private static CommandSpec freezeOverride(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.FreezeOverride", "force", "--force")
                .type(boolean.class)
                .paramLabel("<force>")
                .description("Change hosts even inside their maintenance.blackout window (trading hours); only with --reason TEXT, which the change record keeps with the window it overrode.")
                .withToString("field boolean jts.fleet.controller.cli.FreezeOverride.force")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.Run}. */
    private static CommandSpec run(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.addMixin("store", storeOption(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "store", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.StoreOption jts.fleet.controller.cli.bench.MeasuringCommand.store"));
        spec.addMixin("sizing", sizing(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "sizing", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.Sizing jts.fleet.controller.cli.bench.MeasuringCommand.sizing"));
        spec.addMixin("override", freezeOverride(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "override", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FreezeOverride jts.fleet.controller.cli.bench.MeasuringCommand.override"));
        spec.addMixin("change", changeOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.MeasuringCommand", "change", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ChangeOptions jts.fleet.controller.cli.bench.MeasuringCommand.change"));
        spec.name("run");
        spec.usageMessage().description(
                "Run fio profiles on each host's tier mounts or a directory; store one document per host.",
                "Refused inside a blackout window unless --force. Ctrl-C kills the remote fio and cleans up.");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Run", "profiles", "--profile")
                .type(java.util.List.class)
                .paramLabel("NAME")
                .description("Profiles or suites (baseline: the spec's sequential read/write and 4k QD32; quick, db, all), comma separated (default: ${DEFAULT-VALUE}).")
                .defaultValue("baseline")
                .splitRegex(",")
                .withToString("field java.util.List<String> jts.fleet.controller.cli.bench.Run.profiles")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Run", "tier", "--tier")
                .type(java.lang.String.class)
                .paramLabel("NAME")
                .description("Every mount of this tier on each host.")
                .withToString("field String jts.fleet.controller.cli.bench.Run.tier")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Run", "target", "--target")
                .type(java.lang.String.class)
                .paramLabel("DIR")
                .description("A directory on each host.")
                .withToString("field String jts.fleet.controller.cli.bench.Run.target")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Run", "device", "--device")
                .type(java.lang.String.class)
                .paramLabel("/dev/X")
                .description("A raw block device (needs --destructive).")
                .withToString("field String jts.fleet.controller.cli.bench.Run.device")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Run", "destructive", "--destructive")
                .type(boolean.class)
                .paramLabel("<destructive>")
                .description("Confirm that --device's data will be overwritten.")
                .withToString("field boolean jts.fleet.controller.cli.bench.Run.destructive")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Run", "label", "--label")
                .type(java.lang.String.class)
                .paramLabel("TEXT")
                .description("Label stored with the run.")
                .defaultValue("")
                .withToString("field String jts.fleet.controller.cli.bench.Run.label")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Run", "allowNetwork", "--allow-network")
                .type(boolean.class)
                .paramLabel("<allowNetwork>")
                .description("With --tier: also the tier's NFS/CIFS mounts (the cold tier), at most 256 MiB per job (a NAS is shared with other hosts).")
                .withToString("field boolean jts.fleet.controller.cli.bench.Run.allowNetwork")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.ListRuns}. */
    private static CommandSpec listRuns(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.StoredRunsCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.bench.StoredRunsCommand.output"));
        spec.addMixin("store", storeOption(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.StoredRunsCommand", "store", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.StoreOption jts.fleet.controller.cli.bench.StoredRunsCommand.store"));
        spec.name("list");
        spec.usageMessage().description("List stored benchmark runs.");
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.Show}. */
    private static CommandSpec show(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.StoredRunsCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.bench.StoredRunsCommand.output"));
        spec.addMixin("store", storeOption(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.StoredRunsCommand", "store", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.StoreOption jts.fleet.controller.cli.bench.StoredRunsCommand.store"));
        spec.name("show");
        spec.usageMessage().description("Show one stored run (id or unique prefix).");
        spec.addPositional(ModelParts.positional(object, "jts.fleet.controller.cli.bench.Show", "run")
                .type(java.lang.String.class)
                .required(true)
                .paramLabel("RUN")
                .description("Run id or a unique prefix.")
                .withToString("field String jts.fleet.controller.cli.bench.Show.run")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.Compare}. */
    private static CommandSpec compare(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.StoredRunsCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.bench.StoredRunsCommand.output"));
        spec.addMixin("store", storeOption(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.StoredRunsCommand", "store", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.StoreOption jts.fleet.controller.cli.bench.StoredRunsCommand.store"));
        spec.name("compare");
        spec.usageMessage().description(
                "Compare two runs per host, profile and metric (exit 5 on a regression), or each host",
                "against the fleet median of its tier (--fleet RUN).");
        spec.addPositional(ModelParts.positional(object, "jts.fleet.controller.cli.bench.Compare", "runs")
                .type(java.util.List.class)
                .arity(ModelParts.arity("0..2", false))
                .paramLabel("RUN")
                .description("BASE NEW, or one RUN with --fleet.")
                .withToString("field java.util.List<String> jts.fleet.controller.cli.bench.Compare.runs")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Compare", "fleetView", "--fleet")
                .type(boolean.class)
                .paramLabel("<fleetView>")
                .description("Compare each host of one run with the fleet median of its tier.")
                .withToString("field boolean jts.fleet.controller.cli.bench.Compare.fleetView")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Compare", "force", "--force")
                .type(boolean.class)
                .paramLabel("<force>")
                .description("Compare even different fio versions or profiles.")
                .withToString("field boolean jts.fleet.controller.cli.bench.Compare.force")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Compare", "throughputPct", "--throughput-threshold")
                .type(double.class)
                .paramLabel("PCT")
                .description("IOPS/bandwidth change counted as real, in %% (default: ${DEFAULT-VALUE}).")
                .defaultValue("5")
                .withToString("field double jts.fleet.controller.cli.bench.Compare.throughputPct")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Compare", "latencyPct", "--latency-threshold")
                .type(double.class)
                .paramLabel("PCT")
                .description("Latency change counted as real, in %% (default: ${DEFAULT-VALUE}).")
                .defaultValue("10")
                .withToString("field double jts.fleet.controller.cli.bench.Compare.latencyPct")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Compare", "outlierFactor", "--outlier-factor")
                .type(double.class)
                .paramLabel("X")
                .description("--fleet: p99 this many times the median (or IOPS 1/X of it) is an outlier (default: ${DEFAULT-VALUE}).")
                .defaultValue("2.0")
                .withToString("field double jts.fleet.controller.cli.bench.Compare.outlierFactor")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.Report}. */
    private static CommandSpec report(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("report");
        spec.usageMessage().description("Write one self-contained HTML report (charts, before/after, host vs fleet) of runs.");
        spec.addMixin("store", storeOption(ModelParts.mixin(object, "jts.fleet.controller.cli.bench.Report", "store", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.bench.StoreOption jts.fleet.controller.cli.bench.Report.store"));
        spec.addPositional(ModelParts.positional(object, "jts.fleet.controller.cli.bench.Report", "runs")
                .type(java.util.List.class)
                .arity(ModelParts.arity("1..*", false))
                .required(true)
                .paramLabel("RUN")
                .description("Run ids (the first is 'before').")
                .withToString("field java.util.List<String> jts.fleet.controller.cli.bench.Report.runs")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Report", "out", "--out")
                .type(java.nio.file.Path.class)
                .paramLabel("FILE")
                .description("Output file (default: a new bench-report-RUN.html in the current directory; an existing file is never overwritten unasked).")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.bench.Report.out")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.StoreOption}. */
    private static CommandSpec storeOption(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.StoreOption", "store", "--store")
                .type(java.nio.file.Path.class)
                .paramLabel("DIR")
                .description("Result store (default: $XDG_DATA_HOME/jts-fleet/bench or ~/.local/share/jts-fleet/bench).")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.bench.StoreOption.store")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.bench.Sizing}. */
    private static CommandSpec sizing(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Sizing", "runtimeSeconds", "--runtime")
                .type(int.class)
                .paramLabel("DURATION")
                .description("fio runtime per profile, whole seconds: 30s, 2m (default: ${DEFAULT-VALUE}).")
                .defaultValue("30s")
                .converters(ModelParts.create(jts.fleet.controller.cli.bench.RuntimeConverter.class, factory))
                .withToString("field int jts.fleet.controller.cli.bench.Sizing.runtimeSeconds")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.bench.Sizing", "size", "--size")
                .type(java.lang.String.class)
                .paramLabel("SIZE")
                .description("Test file size per job, e.g. 256m, 4g (default: ${DEFAULT-VALUE}).")
                .defaultValue("1g")
                .withToString("field String jts.fleet.controller.cli.bench.Sizing.size")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.monitor.Install}. */
    private static CommandSpec monitorInstall(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.InstallCommand", "dryRun", "--dry-run")
                .type(boolean.class)
                .paramLabel("<dryRun>")
                .description("Compare only: say which files would change.")
                .withToString("field boolean jts.fleet.controller.cli.InstallCommand.dryRun")
                .build());
        spec.addMixin("change", changeOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.InstallCommand", "change", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.ChangeOptions jts.fleet.controller.cli.InstallCommand.change"));
        spec.name("install");
        spec.usageMessage().description("Push jts-metrics, its config and the every-minute systemd timer to each host (atomically).");
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.monitor.Install", "textfileDir", "--textfile-dir")
                .type(java.nio.file.Path.class)
                .paramLabel("DIR")
                .description("node_exporter textfile directory (default: /var/lib/prometheus/node-exporter).")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.monitor.Install.textfileDir")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.monitor.RunOnce}. */
    private static CommandSpec runOnce(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.FleetCommand.fleet"));
        spec.addMixin("output", outputOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.FleetCommand", "output", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.OutputOptions jts.fleet.controller.cli.FleetCommand.output"));
        spec.name("run-once");
        spec.usageMessage().description("Run the pushed metrics script now and print, per host, the metrics it wrote.");
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.render.Systemd}. */
    private static CommandSpec systemd(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("systemd");
        spec.usageMessage().description("Write jts-fstrim.service and jts-fstrim.timer for one host into DIR (or print them).");
        spec.addMixin("fleet", hostSelection(ModelParts.mixin(object, "jts.fleet.controller.cli.render.Systemd", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.HostSelection jts.fleet.controller.cli.render.Systemd.fleet"));
        spec.addMixin("host", hostOption(ModelParts.mixin(object, "jts.fleet.controller.cli.render.Systemd", "host", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.render.HostOption jts.fleet.controller.cli.render.Systemd.host"));
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.render.Systemd", "out", "--out")
                .type(java.nio.file.Path.class)
                .paramLabel("DIR")
                .description("Directory to write the units to.")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.render.Systemd.out")
                .build());
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.render.Udev}. */
    private static CommandSpec udev(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.name("udev");
        spec.usageMessage().description(
                "Print the udev rules file apply would push to one host (reads the host's devices:",
                "specific devices are matched by WWN or serial).");
        spec.addMixin("fleet", fleetOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.render.Udev", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.FleetOptions jts.fleet.controller.cli.render.Udev.fleet"));
        spec.addMixin("host", hostOption(ModelParts.mixin(object, "jts.fleet.controller.cli.render.Udev", "host", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.render.HostOption jts.fleet.controller.cli.render.Udev.host"));
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.render.Alerts}. */
    private static CommandSpec alerts(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", hostSelection(ModelParts.mixin(object, "jts.fleet.controller.cli.render.TierRenderer", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.HostSelection jts.fleet.controller.cli.render.TierRenderer.fleet"));
        spec.name("alerts");
        spec.usageMessage().description("Print Prometheus alert rule groups built from the tier thresholds of the policy.");
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.render.Dashboard}. */
    private static CommandSpec dashboard(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addMixin("fleet", hostSelection(ModelParts.mixin(object, "jts.fleet.controller.cli.render.TierRenderer", "fleet", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.HostSelection jts.fleet.controller.cli.render.TierRenderer.fleet"));
        spec.name("dashboard");
        spec.usageMessage().description("Print a Grafana dashboard (JSON) for the tiers of the policy.");
        ModelParts.standardHelpOptions(spec);
        return spec;
    }

    /** {@link jts.fleet.controller.cli.HostSelection}. */
    private static CommandSpec hostSelection(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.HostSelection", "inventory", "--inventory")
                .type(java.nio.file.Path.class)
                .paramLabel("FILE")
                .description("Inventory file, or ansible:PATH for an Ansible inventory (default: ./inventory.yaml, /etc/jts-fleet/inventory.yaml, embedded).")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.HostSelection.inventory")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.HostSelection", "policy", "--policy")
                .type(java.nio.file.Path.class)
                .paramLabel("FILE")
                .description("jts-fleet's policy for an Ansible inventory (tiers, maintenance, per-group overrides, defaults); without it the inventory's inline jts_fleet variable, else the embedded JTS policy.")
                .withToString("field java.nio.file.Path jts.fleet.controller.cli.HostSelection.policy")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.HostSelection", "hosts", "-H", "--hosts")
                .type(java.lang.String.class)
                .paramLabel("PATTERN")
                .description("Hosts: names, groups, globs, 'all'; a,b union, :&x intersection, :!x exclusion.")
                .withToString("field String jts.fleet.controller.cli.HostSelection.hosts")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.HostSelection", "limit", "--limit")
                .type(java.lang.String.class)
                .paramLabel("PATTERN")
                .description("Further restrict the selected hosts.")
                .withToString("field String jts.fleet.controller.cli.HostSelection.limit")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.ConnectionOptions}. */
    private static CommandSpec connectionOptions(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.ConnectionOptions", "acceptNewHostKeys", "--accept-new-host-keys")
                .type(boolean.class)
                .paramLabel("<acceptNewHostKeys>")
                .description("Record unknown host keys (like OpenSSH accept-new); changed keys stay refused.")
                .withToString("field boolean jts.fleet.controller.cli.ConnectionOptions.acceptNewHostKeys")
                .build());
        spec.addMixin("deadlines", deadlineOptions(ModelParts.mixin(object, "jts.fleet.controller.cli.ConnectionOptions", "deadlines", factory), factory)
                .withToString("mixin from member jts.fleet.controller.cli.DeadlineOptions jts.fleet.controller.cli.ConnectionOptions.deadlines"));
        return spec;
    }

    /** {@link jts.fleet.controller.cli.render.HostOption}. */
    private static CommandSpec hostOption(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.render.HostOption", "host", "--host")
                .type(java.lang.String.class)
                .required(true)
                .paramLabel("HOST")
                .description("Inventory host name.")
                .withToString("field String jts.fleet.controller.cli.render.HostOption.host")
                .build());
        return spec;
    }

    /** {@link jts.fleet.controller.cli.DeadlineOptions}. */
    private static CommandSpec deadlineOptions(Object object, IFactory factory) {
        CommandSpec spec = ModelParts.spec(object, factory);
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.DeadlineOptions", "connectTimeout", "--connect-timeout")
                .type(java.time.Duration.class)
                .paramLabel("DURATION")
                .description("TCP connect + SSH banner + key exchange + authentication deadline (default: the inventory's connect_timeout, 10s).")
                .converters(ModelParts.create(jts.fleet.controller.cli.DurationConverter.class, factory))
                .withToString("field java.time.Duration jts.fleet.controller.cli.DeadlineOptions.connectTimeout")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.DeadlineOptions", "commandTimeout", "--timeout")
                .type(java.time.Duration.class)
                .paramLabel("DURATION")
                .description("Deadline of one remote command (default: the inventory's command_timeout, 60s).")
                .converters(ModelParts.create(jts.fleet.controller.cli.DurationConverter.class, factory))
                .withToString("field java.time.Duration jts.fleet.controller.cli.DeadlineOptions.commandTimeout")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.DeadlineOptions", "runTimeout", "--run-timeout")
                .type(java.time.Duration.class)
                .paramLabel("DURATION")
                .description("Deadline of the whole run: hosts not done by then are reported as timeout (default: the inventory's run_timeout, 30m; bench and experiment: what their request needs).")
                .converters(ModelParts.create(jts.fleet.controller.cli.DurationConverter.class, factory))
                .withToString("field java.time.Duration jts.fleet.controller.cli.DeadlineOptions.runTimeout")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.DeadlineOptions", "maxOutput", "--max-output")
                .type(java.lang.Long.class)
                .paramLabel("SIZE")
                .description("Most one remote command may print per stream; past it the command is stopped and the host fails with output_limit (default: the inventory's max_output, 4m).")
                .converters(ModelParts.create(jts.fleet.controller.cli.SizeConverter.class, factory))
                .withToString("field Long jts.fleet.controller.cli.DeadlineOptions.maxOutput")
                .build());
        spec.addOption(ModelParts.option(object, "jts.fleet.controller.cli.DeadlineOptions", "maxDocumentOutput", "--max-document")
                .type(java.lang.Long.class)
                .paramLabel("SIZE")
                .description("The same for benchmark documents (default: the inventory's max_document_output, 64m).")
                .converters(ModelParts.create(jts.fleet.controller.cli.SizeConverter.class, factory))
                .withToString("field Long jts.fleet.controller.cli.DeadlineOptions.maxDocumentOutput")
                .build());
        return spec;
    }
}
