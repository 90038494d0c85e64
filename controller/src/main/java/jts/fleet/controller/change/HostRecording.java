package jts.fleet.controller.change;

import jts.fleet.inventory.HostSpec;

/**
 * What an engine hands the host scripts that change a host so they record the change themselves: the change
 * context of the host ({@link ChangeRun#contextLine}), or an empty string (a dry run, a test of the engine alone),
 * with which the scripts record nothing.
 */
@FunctionalInterface
public interface HostRecording {
    HostRecording NONE = host -> "";

    String contextLine(HostSpec host);
}
