package jts.fleet.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One host of the inventory with its resolved connection settings (defaults, then group vars, then host keys).
 * {@code sysroot} prefixes every path the gather script reads (fixture trees in tests); empty means "/".
 * {@code policy} is the effective policy for this host.
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
        Policy policy) {

    public enum Connection { SSH, LOCAL }

    public enum Become { SUDO, NONE }

    public HostSpec {
        groups = List.copyOf(groups);
    }
}
