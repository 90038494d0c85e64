package jts.fleet.inventory;

import jts.fleet.inventory.sshconfig.SshConfigValue;
import jts.fleet.inventory.source.YamlNode;

/**
 * Where an effective connection value came from, for {@code inventory list --explain}: an inventory key
 * ({@code prod.yaml:12 hosts.db-01.user}), an ssh_config line ({@code /home/ops/.ssh/config:4 User}), an Ansible
 * variable ({@code group_vars/prod.yml:3 ansible_user}), a command-line option, or jts-fleet's default.
 *
 * @param kind what kind of source
 * @param file the file, empty for defaults and the command line
 * @param line the line in that file, 0 when unknown
 * @param key  the key, keyword, variable or option; for a default, what the default is
 */
public record Origin(Kind kind, String file, int line, String key) {

    /** What kind of source; its {@link Keyed#key() word} in JSON and text: {@code inventory}, {@code ssh_config}, ... */
    public enum Kind implements Keyed {
        INVENTORY, SSH_CONFIG, ANSIBLE, COMMAND_LINE, DEFAULT
    }

    public static Origin inventory(YamlNode node, String keyPath) {
        return new Origin(Kind.INVENTORY, node.source(), node.line(), keyPath);
    }

    public static Origin sshConfig(SshConfigValue value) {
        return new Origin(Kind.SSH_CONFIG, value.source(), value.line(), value.spelled());
    }

    public static Origin ansible(String file, int line, String variable) {
        return new Origin(Kind.ANSIBLE, file, line, variable);
    }

    public static Origin commandLine(String option) {
        return new Origin(Kind.COMMAND_LINE, "", 0, option);
    }

    public static Origin byDefault(String what) {
        return new Origin(Kind.DEFAULT, "", 0, what);
    }

    /** {@code file:line key}, {@code command line --ssh-config} or {@code default: ...}. */
    public String describe() {
        return switch (kind) {
            case DEFAULT -> "default: " + key;
            case COMMAND_LINE -> "command line " + key;
            default -> file + (line > 0 ? ":" + line : "") + " " + key;
        };
    }
}
