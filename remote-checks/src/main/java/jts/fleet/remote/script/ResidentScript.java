package jts.fleet.remote.script;

/**
 * {@code resident.sh}, the host side of the shell's resident reader: a long-lived {@code sh} that runs the fixed
 * scripts it was started with, one request at a time, each output ended by {@code @@jts-resident NONCE SEQ STATUS}
 * (the protocol is in the script's header; the controller's end is {@code transport.ResidentShell}).
 */
public final class ResidentScript {
    public static final String RESOURCE = "/jts/fleet/remote/script/resident.sh";

    private ResidentScript() {
    }

    public static String text() {
        return ScriptResources.text(RESOURCE);
    }
}
