package jts.fleet.remote.monitor;

import java.util.List;

import jts.fleet.remote.systemd.Unit;

/** Paths and systemd units of the host metrics script: a oneshot service run every minute by a timer. */
public final class MonitorUnits {
    public static final String SCRIPT = "/usr/local/libexec/jts-fleet/jts-metrics";
    public static final String CONFIG = "/etc/jts-fleet/metrics.conf";
    public static final String SERVICE_NAME = "jts-metrics.service";
    public static final String TIMER_NAME = "jts-metrics.timer";
    public static final String SERVICE = "/etc/systemd/system/" + SERVICE_NAME;
    public static final String TIMER = "/etc/systemd/system/" + TIMER_NAME;

    private MonitorUnits() {
    }

    public static List<Unit> render(String host) {
        return List.of(service(host), timer(host));
    }

    public static Unit service(String host) {
        return Unit.rendered(SERVICE_NAME, host, "jts-fleet monitor install",
                "jts-fleet storage metrics for the node_exporter textfile collector")
                .section("Service")
                .set("Type", "oneshot")
                .set("ExecStart", SCRIPT + " " + CONFIG)
                .comment("Lower CPU priority only: an idle I/O class would make the latency canary measure")
                .comment("the scheduler's idle delay instead of the storage.")
                .set("Nice", "10")
                .comment("One run takes well under a second; a hung SMART query must not pile up runs.")
                .set("TimeoutStartSec", "50")
                .set("PrivateNetwork", "yes")
                .set("ProtectKernelModules", "yes")
                .set("ProtectControlGroups", "yes")
                .build();
    }

    public static Unit timer(String host) {
        return Unit.rendered(TIMER_NAME, host, "jts-fleet monitor install",
                "Run jts-metrics every minute")
                .section("Timer")
                .set("OnBootSec", "1min")
                .set("OnUnitActiveSec", "1min")
                .comment("Close to the scrape interval; systemd's default 1min accuracy would let runs drift.")
                .set("AccuracySec", "5s")
                .section("Install")
                .set("WantedBy", "timers.target")
                .build();
    }
}
