package jts.fleet.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One host of the inventory with its resolved connection settings (defaults, then group vars, then host keys).
 * {@code sysroot} prefixes every path the gather script reads (fixture trees in tests); empty means "/".
 * {@code policy} is the effective policy for this host. {@code access} holds the OpenSSH client settings beyond
 * address, port and user (agent, identity files, certificates, jump hosts), resolved from the inventory, ssh_config
 * or an Ansible inventory.
 */
public record HostSpec(
        String name,
        Connection connection,
        String address,
        int port,
        String user,
        Optional<Path> identityFile,
        Optional<Path> knownHosts,
        Become become,
        List<String> groups,
        Optional<String> sysroot,
        Policy policy,
        SshAccess access) {

    public enum Connection { SSH, LOCAL }

    public enum Become { SUDO, NONE }

    public HostSpec {
        groups = List.copyOf(groups);
        java.util.Objects.requireNonNull(access, "access");
    }

    /** A host with no SSH settings beyond the classic ones ({@link SshAccess#DEFAULT}). */
    public HostSpec(String name, Connection connection, String address, int port, String user,
                    Optional<Path> identityFile, Optional<Path> knownHosts, Become become, List<String> groups,
                    Optional<String> sysroot, Policy policy) {
        this(name, connection, address, port, user, identityFile, knownHosts, become, groups, sysroot, policy,
                SshAccess.DEFAULT);
    }

    /** The same host with other SSH settings. */
    public HostSpec withAccess(SshAccess value) {
        return new HostSpec(name, connection, address, port, user, identityFile, knownHosts, become, groups, sysroot,
                policy, value);
    }

    /** The same host with another policy. */
    public HostSpec withPolicy(Policy value) {
        return new HostSpec(name, connection, address, port, user, identityFile, knownHosts, become, groups, sysroot,
                value, access);
    }
}
