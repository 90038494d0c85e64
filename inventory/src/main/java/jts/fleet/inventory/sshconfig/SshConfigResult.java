package jts.fleet.inventory.sshconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.sshconfig.SshKeywords.Keyword;

/**
 * What the configuration says about one host name, before defaults and expansions: for each keyword jts-fleet reads
 * the first value obtained (for {@code IdentityFile} and {@code CertificateFile} every value, duplicates dropped), each
 * with its {@code file:line}, and notes about what was ignored.
 *
 * @param hostArg          the name looked up (what {@code ssh NAME} would be given)
 * @param values           first value per lower-case keyword
 * @param identityFiles    every {@code IdentityFile}, in order
 * @param certificateFiles every {@code CertificateFile}, in order
 * @param notes            {@code file:line: ...} texts (ignored keywords, a {@code Match exec} not run, ...)
 */
public record SshConfigResult(String hostArg, Map<String, SshConfigValue> values, List<SshConfigValue> identityFiles,
                              List<SshConfigValue> certificateFiles, List<String> notes) {
    public SshConfigResult {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        identityFiles = List.copyOf(identityFiles);
        certificateFiles = List.copyOf(certificateFiles);
        notes = List.copyOf(notes);
    }

    /** Nothing configured ({@code ssh_config: none}). */
    public static SshConfigResult empty(String hostArg) {
        return new SshConfigResult(hostArg, Map.of(), List.of(), List.of(), List.of());
    }

    /**
     * The host connected to when nothing overrides it: {@code HostName} with {@code %h} expanded, else the name
     * looked up; lower-cased unless it is an address (ssh.c does both).
     */
    public String hostName() {
        return SshConfig.lowerUnlessAddress(value(Keyword.HOSTNAME)
                .map(v -> SshTokens.expandHostName(v.first(), hostArg)).orElse(hostArg));
    }

    /** {@code Port}, else 22. */
    public int port() {
        return value(Keyword.PORT).flatMap(v -> SshKeywords.port(v.first())).orElse(22);
    }

    /** {@code User}, else {@code localUser}. */
    public String user(String localUser) {
        return value(Keyword.USER).map(SshConfigValue::first).orElse(localUser);
    }

    /** The value of a keyword jts-fleet reads, if the configuration gave one. */
    public Optional<SshConfigValue> value(Keyword keyword) {
        return Optional.ofNullable(values.get(keyword.key()));
    }

    /**
     * The value of a keyword named as written, in any case ({@code ssh -G} prints them lower-case): the tests' way
     * to compare with OpenSSH.
     *
     * @throws IllegalArgumentException for a name that is not a {@link Keyword} (a typo would otherwise read as unset)
     */
    Optional<SshConfigValue> value(String keyword) {
        return value(Keyword.of(keyword.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() ->
                new IllegalArgumentException("ssh_config keyword \"" + keyword + "\" is not one jts-fleet reads")));
    }
}
