package jts.fleet.controller.testing;

/**
 * Runs a fixture's clean-up if the JVM exits before the test closed the fixture (a killed fork, System.exit):
 * sshd processes, network namespaces and routes must not outlive the test run.
 */
final class ExitCleanup {
    private final Thread hook;

    private ExitCleanup(Thread hook) {
        this.hook = hook;
    }

    /** Registers {@code cleanup}; its exceptions are dropped (the JVM is exiting, nobody is left to tell). */
    static ExitCleanup register(String name, Runnable cleanup) {
        Thread hook = new Thread(() -> {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                // exiting anyway
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new ExitCleanup(hook);
    }

    /** The fixture is closing normally: the hook is no longer needed. */
    void unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: this call comes from the hook itself
        }
    }
}
