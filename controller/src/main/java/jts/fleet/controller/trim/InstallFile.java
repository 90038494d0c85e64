package jts.fleet.controller.trim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jts.fleet.remote.trim.TrimPaths;

/** One file {@code trim install} pushes: a fixed host path, its mode and its (text) content. */
public record InstallFile(String path, String mode, String content) {
    public InstallFile {
        if (!TrimPaths.INSTALLABLE.contains(path)) {
            throw new IllegalArgumentException("not a jts-fleet TRIM path: " + path);
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
