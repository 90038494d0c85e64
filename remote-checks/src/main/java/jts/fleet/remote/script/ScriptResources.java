package jts.fleet.remote.script;

import jts.fleet.inventory.source.ShippedResources;

/**
 * Reads the host scripts, their preludes and the fio profiles this jar ships, through
 * {@link ShippedResources} (a missing resource is a broken build, not a user error).
 */
public final class ScriptResources {
    private ScriptResources() {
    }

    /**
     * The UTF-8 text of the classpath resource at {@code path} (absolute, e.g. {@code /jts/fleet/remote/gather.sh}).
     *
     * @throws IllegalStateException when the resource is missing (a broken build)
     */
    public static String text(String path) {
        return ShippedResources.text(path);
    }
}
