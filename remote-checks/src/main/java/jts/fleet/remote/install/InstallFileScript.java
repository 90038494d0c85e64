package jts.fleet.remote.install;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jts.fleet.remote.change.HostChangeLog;
import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;

/**
 * {@code install-file.sh}, the one script every feature pushes files with ({@code trim install}, {@code monitor
 * install}): {@code install-file TARGET MODE SHA256 apply|check [CONTEXT]} with the content on stdin; it writes
 * atomically, skips identical files and prints {@code installed|unchanged|would-install SHA256}. The paths it may
 * write are its own allowlist ({@link #installable()} reads them from the script, so there is one list).
 */
public final class InstallFileScript {
    public static final String RESOURCE = "/jts/fleet/remote/install/install-file.sh";
    /** One allowlist line of the script: {@code     /a|/b) ;;}. */
    private static final Pattern ALLOWED = Pattern.compile("^ {4}(/[^)*]+)\\) ;;$", Pattern.MULTILINE);

    private InstallFileScript() {
    }

    /**
     * With the change-record prelude (an install given the change context records itself on the host) and the host
     * prelude (its temporary directory: {@code work_dir}).
     */
    public static String text() {
        return HostChangeLog.withPrelude(HostPrelude.spliced(ScriptResources.text(RESOURCE)));
    }

    /** Every path the script writes, in its order; anything else it refuses (exit 2). */
    public static List<String> installable() {
        return Paths.VALUE;
    }

    private static final class Paths {
        static final List<String> VALUE = read();

        private static List<String> read() {
            List<String> paths = new ArrayList<>();
            Matcher m = ALLOWED.matcher(ScriptResources.text(RESOURCE));
            while (m.find()) {
                paths.addAll(List.of(m.group(1).split("\\|")));
            }
            if (paths.isEmpty()) {
                throw new IllegalStateException(RESOURCE + " has no allowlist of paths");
            }
            return List.copyOf(paths);
        }
    }

    /** The script's arguments; the change context only for a real install (a dry run records nothing). */
    public static List<String> args(PushedFile file, boolean dryRun, String context) {
        List<String> args = new ArrayList<>(List.of(file.path(), file.mode(), file.sha256(), dryRun ? "check" : "apply"));
        if (!dryRun && !context.isEmpty()) {
            args.add(context);
        }
        return args;
    }

    /**
     * What the script answered for {@code file} (exit 0): {@code CHANGE SHA256} with the file's own hash.
     *
     * @throws IllegalArgumentException for any other answer, quoting its first line
     */
    public static FileChange parseAnswer(PushedFile file, String stdout) {
        String out = stdout.strip();
        for (FileChange change : FileChange.values()) {
            if (out.equals(change.key() + " " + file.sha256())) {
                return change;
            }
        }
        String first = out.lines().findFirst().orElse("").strip();
        throw new IllegalArgumentException("unexpected answer \"" + first + "\" (expected installed/unchanged "
                + file.sha256() + ")");
    }
}
