package jts.fleet.remote.monitor;

import jts.fleet.remote.script.ScriptResources;

/** Scripts shipped as classpath resources under /jts/fleet/remote/monitor/. */
public final class Resources {
    private Resources() {
    }

    public static String text(String name) {
        return ScriptResources.text("/jts/fleet/remote/monitor/" + name);
    }
}
