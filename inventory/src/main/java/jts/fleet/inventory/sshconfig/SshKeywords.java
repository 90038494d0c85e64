package jts.fleet.inventory.sshconfig;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jts.fleet.inventory.source.Spelling;

/**
 * The ssh_config keywords: those jts-fleet reads (checked like OpenSSH checks them, on every line, inside a matching
 * block or not), those OpenSSH knows and jts-fleet has no use for (ignored), and the rest (unknown: ignored with a
 * note, see {@link SshConfigFile}). Public only for {@link Keyword}: who reads a configured value names its keyword by
 * that constant ({@link SshConfigResult#value(Keyword)}), so each keyword is spelled once, here.
 */
public final class SshKeywords {
    /**
     * The keywords jts-fleet reads, as ssh_config(5) spells them (the one list): {@code Host}, {@code Match} and
     * {@code Include}, which shape the file, then those whose value jts-fleet uses. A line's keyword is the
     * lower-case {@link #key()}.
     */
    public enum Keyword {
        HOST("Host"),
        MATCH("Match"),
        INCLUDE("Include"),
        HOSTNAME("HostName"),
        USER("User"),
        PORT("Port"),
        IDENTITY_FILE("IdentityFile"),
        IDENTITIES_ONLY("IdentitiesOnly"),
        IDENTITY_AGENT("IdentityAgent"),
        CERTIFICATE_FILE("CertificateFile"),
        PROXY_JUMP("ProxyJump"),
        PROXY_COMMAND("ProxyCommand"),
        USER_KNOWN_HOSTS_FILE("UserKnownHostsFile"),
        GLOBAL_KNOWN_HOSTS_FILE("GlobalKnownHostsFile"),
        STRICT_HOST_KEY_CHECKING("StrictHostKeyChecking"),
        CONNECT_TIMEOUT("ConnectTimeout"),
        SERVER_ALIVE_INTERVAL("ServerAliveInterval"),
        HOST_KEY_ALIAS("HostKeyAlias"),
        CANONICALIZE_HOSTNAME("CanonicalizeHostname");

        private static final Map<String, Keyword> BY_KEY = java.util.Arrays.stream(values())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Keyword::key, k -> k));

        private final String spelled;
        private final String key;

        Keyword(String spelled) {
            this.spelled = spelled;
            this.key = spelled.toLowerCase(Locale.ROOT);
        }

        /** As ssh_config(5) spells it: {@code HostName}. */
        public String spelled() {
            return spelled;
        }

        /** As a line's keyword reads (lower case): {@code hostname}. */
        String key() {
            return key;
        }

        /** Whether jts-fleet uses its value (every keyword but Host, Match and Include). */
        boolean valueUsed() {
            return this != HOST && this != MATCH && this != INCLUDE;
        }

        /** The keyword a line's (lower-case) keyword names, if jts-fleet reads it. */
        static Optional<Keyword> of(String key) {
            return Optional.ofNullable(BY_KEY.get(key));
        }
    }

    /**
     * Every other client keyword of OpenSSH 9.2 (readconf.c) plus those added up to 10.x, and Apple's UseKeychain:
     * valid for {@code ssh}, of no use to jts-fleet.
     */
    private static final Set<String> OTHER_OPENSSH = Set.of("protocol", "cipher", "fallbacktorsh",
            "globalknownhostsfile2", "rhostsauthentication", "userknownhostsfile2", "useroaming", "usersh",
            "useprivilegedport", "afstokenpassing", "kerberosauthentication", "kerberostgtpassing",
            "rsaauthentication", "rhostsrsaauthentication", "compressionlevel", "gssapiauthentication",
            "gssapidelegatecredentials", "gssapikeyexchange", "gssapiclientidentity", "gssapiserveridentity",
            "gssapirenewalforcesrekey", "gssapitrustdns", "gssapikexalgorithms", "smartcarddevice", "pkcs11provider",
            "forwardagent", "exitonforwardfailure", "xauthlocation", "gatewayports", "passwordauthentication",
            "kbdinteractiveauthentication", "kbdinteractivedevices", "challengeresponseauthentication",
            "skeyauthentication", "tisauthentication", "pubkeyauthentication", "dsaauthentication",
            "hostbasedauthentication", "identityfile2", "addkeystoagent", "ciphers", "macs", "remoteforward",
            "localforward", "permitremoteopen", "escapechar", "connectionattempts", "batchmode", "checkhostip",
            "compression", "tcpkeepalive", "keepalive", "numberofpasswordprompts", "syslogfacility", "loglevel",
            "logverbose", "dynamicforward", "preferredauthentications", "hostkeyalgorithms", "casignaturealgorithms",
            "bindaddress", "bindinterface", "clearallforwardings", "enablesshkeysign", "verifyhostkeydns",
            "nohostauthenticationforlocalhost", "rekeylimit", "addressfamily", "serveralivecountmax", "sendenv",
            "setenv", "controlpath", "controlmaster", "controlpersist", "hashknownhosts", "tunnel", "tunneldevice",
            "localcommand", "permitlocalcommand", "remotecommand", "visualhostkey", "kexalgorithms", "ipqos",
            "requesttty", "sessiontype", "stdinnull", "forkafterauthentication", "proxyusefdpass", "canonicaldomains",
            "canonicalizefallbacklocal", "canonicalizemaxdots", "canonicalizepermittedcnames",
            "streamlocalbindmask", "streamlocalbindunlink", "revokedhostkeys", "fingerprinthash", "updatehostkeys",
            "hostbasedacceptedalgorithms", "hostbasedkeytypes", "pubkeyacceptedalgorithms",
            "pubkeyacceptedkeytypes", "ignoreunknown", "securitykeyprovider", "knownhostscommand",
            "requiredrsasize", "enableescapecommandline", "obscurekeystroketiming", "channeltimeout", "tag",
            "refuseconnection", "warnweakcrypto", "versionaddendum", "pubkeyauthoptions", "usekeychain");

    private static final Pattern PORT_NUMBER = Pattern.compile("[0-9]{1,5}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SshKeywords() {
    }

    static boolean known(String keyword) {
        return Keyword.of(keyword).isPresent() || OTHER_OPENSSH.contains(keyword);
    }

    /** The keyword as ssh_config(5) spells it. */
    static String spelled(String keyword) {
        return Keyword.of(keyword).map(Keyword::spelled).orElse(keyword);
    }

    /** " (did you mean 'IdentityFile'?)" for a keyword one or two edits away from one jts-fleet reads. */
    static String suggestion(String keyword) {
        return Spelling.closest(keyword, java.util.Arrays.stream(Keyword.values()).map(Keyword::key).toList())
                .map(k -> " (did you mean '" + spelled(k) + "'?)").orElse("");
    }

    /** What is wrong with a line of a keyword jts-fleet reads, checked as OpenSSH checks it. */
    static Optional<String> check(SshConfigLine line) {
        List<String> args = line.args();
        Optional<Keyword> keyword = Keyword.of(line.keyword());
        if (keyword.isEmpty()) {
            return Optional.empty();
        }
        Keyword k = keyword.get();
        switch (k) {
            case HOST, INCLUDE:
                for (String a : args) {
                    if (a.isEmpty()) {
                        return Optional.of("keyword " + line.written() + " has an empty argument");
                    }
                }
                return args.isEmpty() ? Optional.of("missing argument") : Optional.empty();
            case MATCH:
                return MatchCriteria.check(line);
            case HOSTNAME, USER, IDENTITY_FILE, CERTIFICATE_FILE, HOST_KEY_ALIAS:
                return single(line);
            case IDENTITY_AGENT:
                return single(line).or(() -> agent(args.get(0)));
            case PORT:
                return single(line).or(() -> port(args.get(0)).isPresent() ? Optional.empty()
                        : Optional.of("bad port '" + args.get(0) + "' (1..65535)"));
            case IDENTITIES_ONLY:
                return single(line).or(() -> flag(args.get(0)).isPresent() ? Optional.empty()
                        : Optional.of("unsupported option \"" + args.get(0) + "\" (yes or no)"));
            case STRICT_HOST_KEY_CHECKING:
                return single(line).or(() -> strictHostKeys(args.get(0)).isPresent() ? Optional.empty()
                        : Optional.of("unsupported option \"" + args.get(0)
                        + "\" (yes, accept-new, no, off or ask)"));
            case CONNECT_TIMEOUT, SERVER_ALIVE_INTERVAL:
                return single(line).or(() -> (k == Keyword.CONNECT_TIMEOUT && args.get(0).equals("none"))
                        || seconds(args.get(0)).isPresent() ? Optional.empty()
                        : Optional.of("invalid time value '" + args.get(0) + "' (seconds, or a number with s, m, h, "
                        + "d, w such as 1m30s)"));
            case CANONICALIZE_HOSTNAME:
                return single(line).or(() -> List.of("yes", "no", "true", "false", "always", "none")
                        .contains(args.get(0).toLowerCase(Locale.ROOT)) ? Optional.empty()
                        : Optional.of("unsupported option \"" + args.get(0) + "\""));
            case USER_KNOWN_HOSTS_FILE, GLOBAL_KNOWN_HOSTS_FILE:
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i).isEmpty()) {
                        return Optional.of("keyword " + line.written() + " has an empty argument");
                    }
                    if (args.get(i).equalsIgnoreCase("none") && args.size() > 1) {
                        return Optional.of("keyword " + line.written() + " \"none\" argument must appear alone");
                    }
                }
                return args.isEmpty() ? Optional.of("missing argument") : Optional.empty();
            case PROXY_JUMP:
                return JumpSpec.checkList(line.rest());
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> single(SshConfigLine line) {
        if (line.args().isEmpty() || line.args().get(0).isEmpty()) {
            return Optional.of("missing argument");
        }
        if (line.args().size() > 1) {
            return Optional.of("keyword " + line.written() + " extra arguments at end of line");
        }
        return Optional.empty();
    }

    private static Optional<String> agent(String value) {
        if (value.startsWith("$") && !value.startsWith("${") && !ENV_NAME.matcher(value.substring(1)).matches()) {
            return Optional.of("invalid environment name " + value);
        }
        return Optional.empty();
    }

    /** {@code a2port}: 1..65535. */
    static Optional<Integer> port(String text) {
        if (!PORT_NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        int value = Integer.parseInt(text);
        return value >= 1 && value <= 65535 ? Optional.of(value) : Optional.empty();
    }

    /** OpenSSH's boolean words. */
    static Optional<Boolean> flag(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> Optional.of(true);
            case "no", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** {@code StrictHostKeyChecking} as OpenSSH names its states: {@code yes}, {@code off}, {@code ask}, {@code accept-new}. */
    static Optional<String> strictHostKeys(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> Optional.of("yes");
            case "no", "off", "false" -> Optional.of("off");
            case "ask" -> Optional.of("ask");
            case "accept-new" -> Optional.of("accept-new");
            default -> Optional.empty();
        };
    }

    static Optional<Long> seconds(String text) {
        return SshTime.seconds(text);
    }
}
