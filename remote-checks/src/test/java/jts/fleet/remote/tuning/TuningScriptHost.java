package jts.fleet.remote.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fake host the tuning scripts run on (a real sh, a sysfs tree of regular files): sda (mq-deadline, 128 KiB
 * read-ahead, 64 requests) and nvme0n1 (none, 4 MiB read-ahead), a state directory and a rules path under one
 * temporary directory; apply and rollback take their paths as the controller passes them. A test adds the devices
 * and attributes its case needs to {@link #sysfs}.
 */
final class TuningScriptHost {
    /** A rules file as apply writes it (the header says it is jts-fleet's). */
    static final String RULES = UdevRules.HEADER + "\n# host: test-host\nACTION!=\"remove\", SUBSYSTEM==\"block\"\n";

    final FakeSysfs sysfs;
    final Path stateDir;
    final Path rules;

    TuningScriptHost(Path tmp) {
        sysfs = new FakeSysfs(tmp.resolve("root"))
                .device("sda", Map.of("scheduler", "[mq-deadline] kyber bfq none", "read_ahead_kb", "128",
                        "nr_requests", "64"))
                .device("nvme0n1", Map.of("scheduler", "[none] mq-deadline kyber bfq", "read_ahead_kb", "4096"));
        stateDir = tmp.resolve("state");
        rules = tmp.resolve("rules.d/60-jts-fleet.rules");
    }

    /** tune-apply.sh with the plan lines and {@code rulesText} on stdin; {@code more}: arguments after the paths. */
    ScriptOutcome apply(String planLines, String rulesText, String... more) {
        String stdin = "@@jts-tune 1\n" + planLines + "@@rules\n" + rulesText + "@@end\n";
        return ScriptRunner.run(TuningScripts.APPLY, stdin, args(more));
    }

    /** tune-rollback.sh; {@code more}: arguments after the paths ({@code keep|forget-missing}, the context). */
    ScriptOutcome rollback(String... more) {
        return ScriptRunner.run(TuningScripts.ROLLBACK, "", args(more));
    }

    private String[] args(String... more) {
        List<String> args = new ArrayList<>(List.of(sysfs.root.toString(), stateDir.toString(), rules.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
