package jts.fleet.remote.script;

/**
 * The definitions host scripts share ({@code host-common.sh}: {@code in_list}, {@code valid_device}), put into
 * each script as it is run. A prelude goes after the script's first line (the {@code #!} line or its title
 * comment), so line 1 stays what the script says it is.
 */
public final class HostPrelude {
    public static final String RESOURCE = "/jts/fleet/remote/script/host-common.sh";

    private HostPrelude() {
    }

    /** {@code script} with {@code host-common.sh} after its first line. */
    public static String spliced(String script) {
        return splice(script, ScriptResources.text(RESOURCE));
    }

    /** {@code script} with {@code host-common.sh} and then {@code familyPrelude} after its first line. */
    public static String spliced(String script, String familyPrelude) {
        return splice(script, ScriptResources.text(RESOURCE) + familyPrelude);
    }

    /** {@code prelude} after the first line of {@code script}: how every prelude is added. */
    public static String splice(String script, String prelude) {
        int firstLine = script.indexOf('\n') + 1;
        if (firstLine == 0) {
            throw new IllegalArgumentException("a script is at least one line and a newline");
        }
        return script.substring(0, firstLine) + prelude + script.substring(firstLine);
    }
}
