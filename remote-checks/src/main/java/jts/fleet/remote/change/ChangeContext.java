package jts.fleet.remote.change;

import java.util.Optional;
import java.util.regex.Pattern;

import jts.fleet.inventory.Components;

/**
 * What the controller knows of one host's change before it starts, repeated in every line of it (intent and
 * outcome, controller's and host's), so each line stands alone in a file that was rotated between the two.
 *
 * @param runId          one per command run, shared by all its hosts ({@code 20261206T013000Z-3f9a1c})
 * @param command        {@code apply}, {@code rollback}, {@code trim}, {@code trim install}, {@code monitor install},
 *                       {@code bench run}, {@code experiment}
 * @param host           the host's inventory name
 * @param operator       who, and as whom on the host
 * @param controllerHost the controller machine's name
 * @param version        jts-fleet's version
 * @param commandLine    the command as given, secrets replaced
 * @param reason         {@code --reason} (a ticket id)
 * @param policyHash     {@link jts.fleet.remote.tuning.PolicyFingerprint} of the host's policy
 * @param forced         {@code --force} was given
 * @param blackout       the blackout window the host was inside when the change started (a forced change), or
 *                       empty: answers "was it during market hours?"
 */
public record ChangeContext(String runId, String command, String host, ChangeOperator operator,
                            String controllerHost, String version, String commandLine, Optional<String> reason,
                            Optional<String> policyHash, boolean forced, Optional<String> blackout) {
    /** Run ids are plain: they travel to host scripts and name records. */
    public static final Pattern RUN_ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4,32}");

    public ChangeContext {
        Components.requireNonNull(ChangeContext.class, runId, command, host, operator, controllerHost, version,
                commandLine, reason, policyHash, forced, blackout);
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id \"" + runId + "\" is not like 20261206T013000Z-3f9a1c");
        }
    }

    /** The same run on another host. */
    public ChangeContext forHost(String name, ChangeOperator who, Optional<String> policy, Optional<String> window) {
        return new ChangeContext(runId, command, name, who, controllerHost, version, commandLine, reason, policy,
                forced, window);
    }
}
