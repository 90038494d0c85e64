package jts.fleet.controller.hostile;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import jts.fleet.remote.model.SysrootTree;

/**
 * The hostile fixture host: {@code /hostile/hostile-names.tree} built under a sysroot, and the inventory of one local
 * host {@code evil} on it with a hot tier, which the CLI and the shell tests both read.
 */
public final class HostileHost {
    /** The policy of the hostile fixture hosts: one hot tier for NVMe, tuned and trimmed, no blackout. */
    public static final String HOT_POLICY = """
            policy:
              tiers:
                - name: hot
                  match: {classes: [nvme]}
                  queue: {scheduler: none, read_ahead_kb: 128}
                  trim: true
              maintenance:
                blackout: []
            """;

    private HostileHost() {
    }

    /** Builds the tree under {@code root} and returns the inventory's YAML for it. */
    public static String inventory(Path root) throws IOException, URISyntaxException {
        SysrootTree.build(Path.of(HostileHost.class.getResource("/hostile/hostile-names.tree").toURI()), root);
        return """
                defaults: {become: none}
                hosts:
                  evil: {connection: local, sysroot: "%s"}
                """.formatted(root) + HOT_POLICY;
    }
}
