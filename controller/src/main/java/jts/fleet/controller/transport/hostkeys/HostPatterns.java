package jts.fleet.controller.transport.hostkeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jts.fleet.inventory.sshconfig.SshPatterns;

/**
 * The host field of a known_hosts line, matched as OpenSSH matches it ({@code match_hostname}): a comma-separated
 * list of patterns where {@code *} matches any run of characters and {@code ?} exactly one, compared without regard
 * to case; a pattern starting with {@code !} is a negation, and a name matching any negation is not matched by the
 * line at all, whatever else matches. {@code [host]:port} is plain text to match (the lookup name of a host on a
 * port other than 22 has that form). A field starting with {@code |1|} is one hashed name: {@code |1|salt|hash}
 * with hash = HMAC-SHA1 of the name keyed with the salt (what {@code ssh-keygen -H} writes).
 *
 * @param text the field as written
 */
public record HostPatterns(String text) {
    private static final String HASH_MAGIC = "|1|";

    public HostPatterns {
        java.util.Objects.requireNonNull(text, "text");
    }

    /** True when this field names {@code name} (e.g. {@code db-01.example.com} or {@code [10.0.0.5]:2222}). */
    public boolean matches(String name) {
        String host = name.toLowerCase(Locale.ROOT);
        if (text.startsWith(HASH_MAGIC)) {
            return hashedMatches(host);
        }
        // OpenSSH's match_hostname: the lower-cased name against the lower-cased pattern list
        return SshPatterns.matchList(host, text, true) == 1;
    }

    /** True when the field is hashed: it cannot be read back, only tested. */
    public boolean hashed() {
        return text.startsWith(HASH_MAGIC);
    }

    private boolean hashedMatches(String host) {
        String[] parts = text.substring(HASH_MAGIC.length()).split("\\|");
        if (parts.length != 2) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[0]);
            byte[] expected = Base64.getDecoder().decode(parts[1]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] actual = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // a malformed hash names no host
        }
    }
}
