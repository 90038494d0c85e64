/**
 * The controller's entry points and the few values every controller package shares. {@link
 * jts.fleet.controller.Main} (and {@code CdsTraining}, its start-up trainer) are the top of the dependency graph:
 * they build the command tree and may import anything, nothing imports them. {@link jts.fleet.controller.ExitCodes}
 * and {@link jts.fleet.controller.OwnFiles} are the bottom: every package may use them, and they import no
 * controller package. Never holds a command, an engine or a transport.
 */
package jts.fleet.controller;
