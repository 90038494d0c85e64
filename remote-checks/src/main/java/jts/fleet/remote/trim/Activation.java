package jts.fleet.remote.trim;

import java.util.List;

/** What {@code trim install} did with systemd after pushing the files ({@link TrimScript#parseActivation}). */
public sealed interface Activation permits Activation.Activated, Activation.NoSystemd, Activation.DryRun {

    /** The commands run (or that would run) on the host, for the report. */
    List<String> commands();

    /**
     * systemd runs on the host: reloaded, timer enabled and started. {@code fstrimTimerState} is what
     * {@code systemctl is-enabled fstrim.timer} printed ({@code not-found} when util-linux ships none).
     */
    record Activated(List<String> commands, String fstrimTimerState, boolean maskedFstrimTimer, String nextElapse)
            implements Activation {
        public Activated {
            commands = List.copyOf(commands);
        }

        /** util-linux's timer would trim the same filesystems again, at its own (unguarded) time. */
        public boolean doubleTrimming() {
            return !maskedFstrimTimer && (fstrimTimerState.equals("enabled") || fstrimTimerState.equals("enabled-runtime"));
        }
    }

    /** No systemd as PID 1 ({@code /run/systemd/system} missing): nothing was run; these commands would have been. */
    record NoSystemd(List<String> commands) implements Activation {
        public NoSystemd {
            commands = List.copyOf(commands);
        }
    }

    /** Dry run: nothing was run. */
    record DryRun(List<String> commands) implements Activation {
        public DryRun {
            commands = List.copyOf(commands);
        }
    }
}
