package jts.fleet.controller.cli;

import java.util.List;

import jts.fleet.controller.ExitCodes;
import jts.fleet.inventory.HostSpec;

/** {@code --list-hosts}: the selection, one host per line, like Ansible. */
final class HostList {
    private HostList() {
    }

    static int print(AppContext context, List<HostSpec> hosts) {
        context.out().println("  hosts (" + hosts.size() + "):");
        for (HostSpec h : hosts) {
            context.out().println("    " + h.name());
        }
        return ExitCodes.OK;
    }
}
