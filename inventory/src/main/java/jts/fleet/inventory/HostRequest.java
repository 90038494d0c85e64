package jts.fleet.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an inventory source (a jts-fleet YAML file or an Ansible inventory) says about how to reach one host, before
 * ssh_config and defaults: every connection key it sets, as validated text with its origin. {@link AccessResolver}
 * turns it into the effective settings.
 *
 * @param name              the inventory host name
 * @param lookupName        the name ssh_config is consulted for: the host's name, or Ansible's {@code ansible_host}
 * @param addressIsHostName true when {@code address} overrides ssh_config's {@code HostName} (jts-fleet inventories:
 *                          like {@code ssh -o HostName=ADDRESS NAME}); false when the address is the name looked up
 *                          (Ansible: {@code ssh ANSIBLE_HOST})
 * @param lookupOrigin      where the lookup name came from (the address when ssh_config has no HostName for it)
 * @param given             connection key ({@code user}, {@code identity_file}, ...) to its value
 * @param notes             remarks of the inventory source about this host (ssh options it ignored, ...)
 */
record HostRequest(String name, String lookupName, boolean addressIsHostName, Origin lookupOrigin,
                   Map<String, Given> given, List<String> notes) {

    /** A key's value (several for list keys such as {@code identity_file}) and where it was set. */
    record Given(List<String> values, Origin origin) {
        Given {
            values = List.copyOf(values);
        }

        static Given of(String value, Origin origin) {
            return new Given(List.of(value), origin);
        }

        String value() {
            return values.get(0);
        }
    }

    HostRequest {
        given = Map.copyOf(given);
        notes = List.copyOf(notes);
    }

    /** A host of a jts-fleet inventory: looked up by its name, {@code address} overriding HostName. */
    static HostRequest named(String name, Map<String, Given> given) {
        return new HostRequest(name, name, true, Origin.byDefault("the host's name"), given, List.of());
    }

    Optional<Given> get(String key) {
        return Optional.ofNullable(given.get(key));
    }
}
