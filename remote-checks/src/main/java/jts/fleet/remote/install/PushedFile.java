package jts.fleet.remote.install;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file jts-fleet pushes to a host: one of the fixed paths {@code install-file.sh} accepts, its mode and its
 * (text) content. {@code sha256} lets the host skip identical content (ok vs changed) and check what arrived.
 */
public record PushedFile(String path, String mode, String content) {
    public PushedFile {
        if (!InstallFileScript.installable().contains(path)) {
            throw new IllegalArgumentException("not a path jts-fleet pushes (install-file.sh refuses it): " + path);
        }
        if (!mode.equals("0644") && !mode.equals("0755")) {
            throw new IllegalArgumentException(path + ": mode must be 0644 or 0755, not " + mode);
        }
    }

    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
