package jts.fleet.controller.fleet;

import jts.fleet.inventory.HostSpec;

/**
 * What an engine hands the host scripts that change a host so they record the change themselves: the change
 * context of the host (the change package's run gives it), or an empty string (a dry run, a test of the engine
 * alone), with which the scripts record nothing. Here, beside {@link HostObserver}, so engines need nothing of
 * the change package.
 */
@FunctionalInterface
public interface HostRecording {
    HostRecording NONE = host -> "";

    String contextLine(HostSpec host);
}
