package jts.fleet.remote.model;

import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;

/**
 * The fixed gather script ({@code /jts/fleet/remote/gather.sh}). It takes one optional argument, the sysroot
 * (absolute path without {@code ..}; empty means "/"; checked by the host prelude's {@code use_sysroot}, see
 * {@link HostPrelude}), and prints the framed output read by {@link GatherParser}.
 */
public final class GatherScript {
    public static final String RESOURCE = "/jts/fleet/remote/gather.sh";

    private GatherScript() {
    }

    /** Read once: every command of every host runs it (a fleet-wide status or watch start asks per host). */
    private static final class Text {
        static final String VALUE = HostPrelude.spliced(ScriptResources.text(RESOURCE));
    }

    public static String text() {
        return Text.VALUE;
    }
}
