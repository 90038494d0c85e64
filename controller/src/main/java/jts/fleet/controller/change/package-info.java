/**
 * Change control on the controller: the change record of every command that changes hosts ({@link
 * jts.fleet.controller.change.ChangeRun}: an intent line per host before its change starts, an outcome line after,
 * a refusal line for a host the change freeze kept out), the controller's file ({@link
 * jts.fleet.controller.change.ChangeJournal}: append-only, rotated by size), who the operator is ({@link
 * jts.fleet.controller.change.OperatorIdentity}), the command line without secrets ({@link
 * jts.fleet.controller.change.CommandLineText}) and whether a command must be confirmed first ({@link
 * jts.fleet.controller.change.Confirmation}). The record format itself is {@link jts.fleet.remote.change}: the same
 * for the hosts' own files. Nothing here talks to a host.
 */
package jts.fleet.controller.change;
