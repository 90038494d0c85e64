package jts.fleet.inventory.sshconfig;

import java.util.List;

/**
 * A value the configuration gave for one keyword, with the line it came from.
 *
 * @param keyword lower-case keyword
 * @param args    its arguments
 * @param rest    the unsplit text after the keyword ({@code ProxyJump} and {@code ProxyCommand} use it)
 * @param source  the file
 * @param line    the line in that file
 */
public record SshConfigValue(String keyword, List<String> args, String rest, String source, int line) {
    public SshConfigValue {
        args = List.copyOf(args);
    }

    static SshConfigValue of(SshConfigLine line) {
        return new SshConfigValue(line.keyword(), line.args(), line.rest(), line.source(), line.line());
    }

    /** The first (for most keywords: the only) argument. */
    public String first() {
        return args.get(0);
    }

    /** {@code file:line}. */
    public String where() {
        return source + ":" + line;
    }

    /** The keyword as ssh_config(5) spells it. */
    public String spelled() {
        return SshKeywords.spelled(keyword);
    }
}
