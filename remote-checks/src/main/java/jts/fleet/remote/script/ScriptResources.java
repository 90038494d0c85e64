package jts.fleet.remote.script;

import jts.fleet.inventory.source.ShippedResources;

/**
 * Reads the host scripts, their preludes and the fio profiles this jar ships, through
 * {@link ShippedResources} (a missing resource is a broken build, not a user error), and fills the lists a script
 * takes from Java ({@link #fill}).
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

    /**
     * {@code script} with {@code slot} replaced by {@code words}: how a script gets a list whose one copy is in Java
     * (the queue attributes in write order ...). The slot opens a quoted assignment, {@code ATTRS="@@ATTRS@@"}.
     *
     * @param name what the script is called in the error
     * @throws IllegalStateException when the script has no such assignment (a broken build)
     */
    public static String fill(String name, String script, String slot, String words) {
        if (!script.contains("=\"" + slot)) {
            throw new IllegalStateException(name + " has no " + slot + " to fill");
        }
        return script.replace(slot, words);
    }
}
