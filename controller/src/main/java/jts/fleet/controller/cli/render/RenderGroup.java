package jts.fleet.controller.cli.render;

import picocli.CommandLine.Command;

/** {@code jts-fleet render}: groups the renderers; named alone, it prints its usage (exit 2). */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render generated artifacts (systemd units, udev rules, alert rules, dashboard).",
        subcommands = {Systemd.class, Udev.class, Alerts.class, Dashboard.class})
public final class RenderGroup {
}
