package jts.fleet.controller.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.ExitCodes;

/**
 * Per-host counts of a run, as in Ansible's PLAY RECAP: {@code ok} counts every successful step including
 * the changed ones, {@code changed} the subset that modified the host. Several steps of one command add up
 * through {@link #plus}. Hosts keep the order in which they first appeared.
 */
public record Recap(List<HostTally> hosts) {

    /** Counts of one host. */
    public record HostTally(String host, int ok, int changed, int failed, int unreachable, int skipped) {
        HostTally plus(HostTally other) {
            return new HostTally(host, ok + other.ok, changed + other.changed, failed + other.failed,
                    unreachable + other.unreachable, skipped + other.skipped);
        }

        static HostTally of(HostResult<?> result) {
            String host = result.host();
            if (result instanceof HostResult.Ok<?> ok) {
                return new HostTally(host, 1, ok.changed() ? 1 : 0, 0, 0, 0);
            } else if (result instanceof HostResult.Failed<?>) {
                return new HostTally(host, 0, 0, 1, 0, 0);
            } else if (result instanceof HostResult.Unreachable<?>) {
                return new HostTally(host, 0, 0, 0, 1, 0);
            }
            return new HostTally(host, 0, 0, 0, 0, 1);
        }
    }

    public Recap {
        hosts = List.copyOf(hosts);
    }

    public static Recap empty() {
        return new Recap(List.of());
    }

    public static Recap of(List<? extends HostResult<?>> results) {
        return empty().plus(results);
    }

    /** This recap with one more step's results added. */
    public Recap plus(List<? extends HostResult<?>> results) {
        Map<String, HostTally> byHost = new LinkedHashMap<>();
        for (HostTally tally : hosts) {
            byHost.put(tally.host(), tally);
        }
        for (HostResult<?> result : results) {
            HostTally tally = HostTally.of(result);
            HostTally before = byHost.get(tally.host());
            byHost.put(tally.host(), before == null ? tally : before.plus(tally));
        }
        return new Recap(new ArrayList<>(byHost.values()));
    }

    /** Sum over all hosts, under the host name {@code "total"}. */
    public HostTally totals() {
        HostTally total = new HostTally("total", 0, 0, 0, 0, 0);
        for (HostTally tally : hosts) {
            total = new HostTally("total", total.ok() + tally.ok(), total.changed() + tally.changed(),
                    total.failed() + tally.failed(), total.unreachable() + tally.unreachable(),
                    total.skipped() + tally.skipped());
        }
        return total;
    }

    /** Exit status for this recap; see {@link ExitCodes#forHostCounts}. */
    public int exitCode() {
        HostTally total = totals();
        return ExitCodes.forHostCounts(total.failed(), total.unreachable());
    }

    /**
     * Ansible-style lines, e.g. {@code db-01  ok=1  changed=0  unreachable=0  failed=0  skipped=0}, host names padded
     * to one column. Built without {@code String.format}: its first use loads the JDK's locale providers, ~10 ms of
     * every one-shot command (scripts/bench/startup.sh).
     */
    public List<String> lines() {
        int width = 1;
        for (HostTally t : hosts) {
            width = Math.max(width, t.host().length());
        }
        List<String> lines = new ArrayList<>();
        for (HostTally t : hosts) {
            lines.add(t.host() + " ".repeat(width - t.host().length()) + "  ok=" + t.ok() + "  changed=" + t.changed()
                    + "  unreachable=" + t.unreachable() + "  failed=" + t.failed() + "  skipped=" + t.skipped());
        }
        return lines;
    }
}
