package jts.fleet.remote.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jts.fleet.remote.systemd.Unit;

/**
 * What {@code jts-fleet monitor install} pushes (script, config, units with their modes and hashes) and the
 * fixed scripts that install, activate and run it on a host.
 */
public final class MonitorInstall {
    private MonitorInstall() {
    }

    /** One file to push; {@code sha256} lets the host skip identical content (ok vs changed). */
    public record File(String path, String mode, String content) {
        public byte[] bytes() {
            return content.getBytes(StandardCharsets.UTF_8);
        }

        public String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no SHA-256 in this JVM", e);
            }
        }
    }

    public static List<File> files(String host, MetricsConfig config) {
        List<Unit> units = MonitorUnits.render(host);
        return List.of(
                new File(MonitorUnits.SCRIPT, "0755", MetricsConfig.script()),
                new File(MonitorUnits.CONFIG, "0644", config.render()),
                new File(MonitorUnits.SERVICE, "0644", units.get(0).render()),
                new File(MonitorUnits.TIMER, "0644", units.get(1).render()));
    }

    /** Args: TARGET MODE SHA256 apply|check; stdin: the content. The one install script of every feature. */
    public static String installFileScript() {
        return jts.fleet.remote.trim.TrimScript.installFileScript();
    }

    /** No args. */
    public static String activateScript() {
        return Resources.text("monitor-activate.sh");
    }

    /** No args; output: status line then the textfile. */
    public static String runOnceScript() {
        return Resources.text("monitor-run-once.sh");
    }
}
