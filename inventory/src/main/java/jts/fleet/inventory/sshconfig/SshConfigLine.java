package jts.fleet.inventory.sshconfig;

import java.util.List;

/**
 * One directive of an ssh_config file after OpenSSH's tokenizing: the keyword in lower case, its arguments (quotes
 * removed, {@code \"}, {@code \'}, {@code \\} and {@code \ } unescaped, an argument starting with {@code #} ends the
 * line) and the unsplit remainder, which {@code ProxyJump}, {@code ProxyCommand} and {@code Match} read themselves.
 *
 * @param source  the file as named in messages
 * @param line    1-based line number
 * @param keyword lower-case keyword
 * @param written the keyword as written, for messages
 * @param args    the arguments
 * @param rest    the text after the keyword and its separator
 */
public record SshConfigLine(String source, int line, String keyword, String written, List<String> args, String rest) {
    public SshConfigLine {
        args = List.copyOf(args);
    }

    /** {@code file:line} for messages. */
    public String where() {
        return source + ":" + line;
    }
}
