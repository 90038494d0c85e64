package jts.fleet.inventory.sshconfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * OpenSSH's expansions of file names and paths: {@code ~} (the home directory from the password database),
 * {@code %} tokens and {@code ${VAR}} environment variables, in the order and with the token set of OpenSSH 9.2's
 * client ({@code %C %L %i %k %l %n %p %d %h %r %u} and {@code %%}). An unknown token or an unset variable is an error,
 * as in {@code ssh}.
 *
 * @param tokens the value of each token letter
 * @param env    where {@code ${VAR}} and {@code ~} are looked up
 */
public record SshTokens(Map<Character, String> tokens, SshEnvironment env) {
    public SshTokens {
        tokens = Map.copyOf(tokens);
    }

    /**
     * The tokens of one connection.
     *
     * @param hostArg  the name given to ssh ({@code %n}, and {@code %k} unless {@code HostKeyAlias} is set)
     * @param host     the host connected to, after {@code HostName} ({@code %h})
     * @param port     the port ({@code %p})
     * @param user     the remote user ({@code %r})
     * @param keyAlias {@code HostKeyAlias} when set
     */
    public static SshTokens connection(SshEnvironment env, String hostArg, String host, int port, String user,
                                       Optional<String> keyAlias) {
        String portText = Integer.toString(port);
        return new SshTokens(Map.ofEntries(
                Map.entry('C', connectionHash(env.localHostName(), host, portText, user)),
                Map.entry('L', env.shortHostName()),
                Map.entry('i', Long.toString(env.uid())),
                Map.entry('k', keyAlias.orElse(hostArg)),
                Map.entry('l', env.localHostName()),
                Map.entry('n', hostArg),
                Map.entry('p', portText),
                Map.entry('d', env.home().toString()),
                Map.entry('h', host),
                Map.entry('r', user),
                Map.entry('u', env.localUser())), env);
    }

    /** {@code HostName}'s own expansion: only {@code %h} (the name given) and {@code %%}. */
    public static String expandHostName(String value, String hostArg) {
        return new SshTokens(Map.of('h', hostArg), SshEnvironment.of(Path.of("/"), "")).expand(value, false);
    }

    /** {@code %C}: SHA-1 of local host, remote host, port and remote user, in hex (OpenSSH 9.2). */
    static String connectionHash(String localHost, String host, String port, String user) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : new String[] {localHost, host, port, user}) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** {@code ~}, then {@code ${VAR}} and {@code %x} (what ssh does to IdentityFile, CertificateFile, ...). */
    public String path(String value) {
        return expand(tilde(value), true, value);
    }

    /** {@code ~} alone (ssh does only this to some values). */
    public String tilde(String value) {
        if (value.equals("~")) {
            return env.home().toString();
        }
        if (value.startsWith("~/")) {
            return env.home().resolve(value.substring(2)).toString();
        }
        if (value.startsWith("~")) {
            throw new IllegalArgumentException("'" + value + "': ~user paths are not supported (use an absolute "
                    + "path or ~/ for your own home)");
        }
        return value;
    }

    /** {@code %x} tokens, and {@code ${VAR}} when {@code dollar}. */
    public String expand(String value, boolean dollar) {
        return expand(value, dollar, value);
    }

    /** {@code shown} is the value as written, for messages. */
    private String expand(String value, boolean dollar, String shown) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (dollar && c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int close = value.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + shown + "': unterminated ${");
                }
                String name = value.substring(i + 2, close);
                out.append(env.variable(name).orElseThrow(() -> new IllegalArgumentException("'" + shown
                        + "': environment variable " + name + " is not set")));
                i = close;
            } else if (c == '%') {
                if (i + 1 >= value.length()) {
                    throw new IllegalArgumentException("'" + shown + "': a '%' at the end (write %% for a percent)");
                }
                char key = value.charAt(++i);
                if (key == '%') {
                    out.append('%');
                } else if (tokens.containsKey(key)) {
                    out.append(tokens.get(key));
                } else {
                    throw new IllegalArgumentException("'" + shown + "': unknown token %" + key);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #path(String)} as a {@link Path}. */
    public Path file(String value) {
        return Path.of(path(value));
    }
}
