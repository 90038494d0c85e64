package jts.fleet.controller.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private mount namespace where /etc, /usr/local and /var/lib are overlays whose upper layers live under a root
 * directory in /tmp: installers run inside it write their real, fixed paths, and this machine's files stay as they
 * were (what was written lands under {@code ROOT/up}). The namespace ends with its last process. Root only.
 * One copy of the mount steps for every test that installs for real (the launcher, a transport, an sshd).
 */
public final class OverlayNamespace {
    private static final List<String> OVERLAID = List.of("etc", "usr/local", "var/lib");
    private static final String MOUNTS = "set -eu\n"
            + "R=$1; shift\n"
            + "case $R in /tmp/?*) ;; *) echo \"overlay root must be under /tmp: $R\" >&2; exit 99 ;; esac\n"
            + "for d in " + String.join(" ", OVERLAID) + "; do\n"
            + "  mkdir -p \"$R/up/$d\" \"$R/work/$d\"\n"
            + "  mount -t overlay overlay -o \"lowerdir=/$d,upperdir=$R/up/$d,workdir=$R/work/$d\" \"/$d\"\n"
            + "done\n"
            + "exec \"$@\"\n";

    private OverlayNamespace() {
    }

    /**
     * {@code command} run inside a new namespace over {@code root} ({@code exec}ed: the process started is the
     * command itself once the overlays are mounted).
     *
     * @throws IllegalArgumentException unless {@code root} is a directory under /tmp
     */
    public static List<String> command(Path root, List<String> command) {
        requireUnderTmp(root);
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                MOUNTS, "overlay", root.toString()));
        argv.addAll(command);
        return argv;
    }

    /** Where {@code absolutePath}, written inside a namespace over {@code root}, lands on this machine. */
    public static Path upper(Path root, String absolutePath) {
        for (String d : OVERLAID) {
            if (absolutePath.startsWith("/" + d + "/")) {
                return root.resolve("up").resolve(absolutePath.substring(1));
            }
        }
        throw new IllegalArgumentException(absolutePath + " is not overlaid");
    }

    /** {@code root}, checked: an absolute directory under /tmp (the upper layers and the work dirs go there). */
    public static Path requireUnderTmp(Path root) {
        if (!root.isAbsolute() || !root.startsWith("/tmp/") || root.getNameCount() < 2) {
            throw new IllegalArgumentException("overlay root must be a directory under /tmp: " + root);
        }
        return root;
    }
}
