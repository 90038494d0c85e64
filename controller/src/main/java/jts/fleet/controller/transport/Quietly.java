package jts.fleet.controller.transport;

/**
 * Closing what may already be gone, and the daemon threads that do it off the caller's thread (closing an sshj
 * channel whose command still runs can block for ~30 s; a peer that stopped reading can block a disconnect).
 */
final class Quietly {
    private Quietly() {
    }

    /** Closes {@code closeable} (null: nothing), ignoring any failure: the peer may be gone already. */
    static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all we wanted
        }
    }

    /** Starts {@code work} on a daemon thread named {@code name} (it must never keep the JVM alive). */
    static Thread inBackground(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
