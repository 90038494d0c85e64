package jts.fleet.controller.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jts.fleet.controller.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The man page sections --help does not show: EXIT STATUS (per command, from {@link ExitCodes}), EXAMPLES,
 * FILES and ENVIRONMENT. Applied to the throwaway tree of {@link CommandPages#tree()} only; picocli-codegen
 * writes the exit codes as the EXIT STATUS section and the footer, which carries the other three.
 */
public final class ManSections {
    private ManSections() {
    }

    /** Commands that contact hosts (everything but inventory, render alerts/dashboard, bench list/show/compare/report). */
    private static final List<String> OFFLINE = List.of("jts-fleet", "inventory", "inventory list", "inventory check",
            "render", "render alerts", "render dashboard", "bench", "bench list", "bench show", "bench compare",
            "bench report", "monitor", "shell");

    private static final Map<String, List<String>> EXAMPLES = new LinkedHashMap<>();

    static {
        example("jts-fleet", "jts-fleet status", "jts-fleet --inventory prod.yaml plan -H 'prod:&hot'",
                "jts-fleet -v apply -H db-01 --dry-run");
        example("status", "jts-fleet status -H 'prod:!db-03'", "jts-fleet status -o json | jq '.recap'",
                "jts-fleet status --all --report /var/tmp/storage");
        example("snapshot", "jts-fleet snapshot -H db-01 --out /var/tmp/snapshots");
        example("inventory list", "jts-fleet inventory list -H prod", "jts-fleet inventory list -o json");
        example("inventory check", "jts-fleet inventory check --inventory prod.yaml",
                "jts-fleet inventory check -o json -H 'prod:&hot'");
        example("plan", "jts-fleet plan -H db-01", "jts-fleet plan -o json | jq '.hosts[].devices'");
        example("apply", "jts-fleet apply -H prod --dry-run", "jts-fleet apply -H prod --serial 25% --max-fail 0%");
        example("verify", "jts-fleet verify -H prod || echo \"drift: exit $?\"");
        example("rollback", "jts-fleet rollback -H db-01", "jts-fleet rollback -H prod --dry-run");
        example("trim", "jts-fleet trim -H db-01 --dry-run", "jts-fleet trim -H db-01 --force");
        example("trim install", "jts-fleet trim install -H prod --mask-fstrim-timer");
        example("bench run", "jts-fleet bench run -H db-01 --tier hot --profile rand-read-4k-qd32 --runtime 30s --label before");
        example("bench list", "jts-fleet bench list", "jts-fleet bench list -o json");
        example("bench show", "jts-fleet bench show 20261126T040000Z-a1b2");
        example("bench compare", "jts-fleet bench compare 20261126T040000Z-a1b2 20261126T050000Z-c3d4",
                "jts-fleet bench compare --fleet 20261126T050000Z-c3d4");
        example("bench report", "jts-fleet bench report 20261126T040000Z-a1b2 20261126T050000Z-c3d4 --out before-after.html");
        example("experiment", "jts-fleet experiment -H db-01 --set scheduler=none,mq-deadline --profile pg-wal "
                + "--target /var/lib/postgresql/bench --rounds 5");
        example("watch", "jts-fleet watch -H prod --tier hot", "jts-fleet watch -H db-01 --count 10 -o json");
        example("check", "jts-fleet check -H db-01", "jts-fleet check -H prod --gap 2s -o json");
        example("monitor install", "jts-fleet monitor install -H prod --dry-run");
        example("monitor run-once", "jts-fleet monitor run-once -H db-01");
        example("render systemd", "jts-fleet render systemd --host db-01 --out /var/tmp/units");
        example("render udev", "jts-fleet render udev --host db-01");
        example("render alerts", "jts-fleet render alerts > /etc/prometheus/rules/jts-fleet.yml");
        example("render dashboard", "jts-fleet render dashboard > jts-fleet-dashboard.json");
        example("shell", "jts-fleet shell --inventory prod.yaml");
    }

    private static void example(String command, String... lines) {
        EXAMPLES.put(command, List.of(lines));
    }

    /** Adds the sections to every documented command of {@code specs}. */
    public static void apply(List<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            String path = spec.qualifiedName(" ").replaceFirst("^jts-fleet ?", "");
            String key = path.isEmpty() ? "jts-fleet" : path;
            spec.usageMessage().exitCodeListHeading("Exit status%n");
            spec.usageMessage().exitCodeList(exitCodes(key));
            List<String> footer = new ArrayList<>();
            List<String> examples = EXAMPLES.getOrDefault(key, List.of("jts-fleet " + key + " --help"));
            examples.forEach(e -> footer.add("  " + e));
            footer.add("");
            footer.add("== Files");
            footer.add("");
            footer.add("inventory.yaml in the current directory, then /etc/jts-fleet/inventory.yaml: the inventory without --inventory");
            footer.add("$XDG_DATA_HOME/jts-fleet/bench (~/.local/share/jts-fleet/bench): stored benchmark runs");
            footer.add("$XDG_STATE_HOME/jts-fleet/history (~/.local/state/jts-fleet/history): shell history");
            footer.add("~/.ssh/known_hosts, ~/.ssh/id_ed25519, id_ecdsa, id_rsa: host keys and default identities");
            footer.add("");
            footer.add("== Environment");
            footer.add("");
            footer.add("HOME: the home directory (before the password file's) for every path above");
            footer.add("XDG_DATA_HOME, XDG_STATE_HOME: override ~/.local/share and ~/.local/state (absolute paths only)");
            footer.add("NO_COLOR: no colours; CLICOLOR_FORCE: colours even when output is not a terminal");
            footer.add("JTS_FLEET_JAR, JAVA_HOME, JTS_FLEET_JAVA_OPTS: the launcher's jar, Java and extra JVM options");
            spec.usageMessage().footerHeading("Examples%n");
            // help texts are format strings: a literal % is written %%
            spec.usageMessage().footer(footer.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new));
        }
    }

    /** The codes a command can return, in the order of {@link ExitCodes}. */
    static Map<String, String> exitCodes(String command) {
        Map<String, String> codes = new LinkedHashMap<>();
        if (command.equals("check")) {
            codes.put("0", "OK: every threshold holds");
            codes.put("1", "WARNING: a warning threshold is crossed, drift, TRIM overdue");
            codes.put("2", "CRITICAL: a critical threshold is crossed, NVMe critical warning");
            codes.put("3", "UNKNOWN: a host could not be checked, a bad command line or inventory");
            return codes;
        }
        codes.put("" + ExitCodes.OK, command.equals("verify") ? "every planned setting matches" : "success");
        codes.put("" + ExitCodes.SOFTWARE, "internal error (run again with -v for the stack trace)");
        codes.put("" + ExitCodes.USAGE, "usage error, malformed inventory or policy, a pattern selecting no host"
                + (command.startsWith("bench") ? ", an unknown run id" : ""));
        if (command.equals("verify")) {
            codes.put("" + ExitCodes.DRIFT, "drift: a setting differs from the plan");
        }
        if (List.of("apply", "rollback", "trim", "bench run", "experiment").contains(command)) {
            codes.put("" + ExitCodes.REFUSED, "refused: inside a blackout window, or another run holds the lock");
        }
        if (command.equals("bench compare")) {
            codes.put("" + ExitCodes.BENCH_REGRESSION, "a regression beyond the threshold");
        }
        if (!OFFLINE.contains(command)) {
            codes.put("" + ExitCodes.HOST_FAILED, "at least one host failed");
            codes.put("" + ExitCodes.HOST_UNREACHABLE, "at least one host unreachable (and none failed)");
        }
        return codes;
    }
}
