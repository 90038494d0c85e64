/**
 * {@code jts-fleet history} ({@link jts.fleet.controller.cli.history.History}) and its views: the change records,
 * newest first, from the controller's change file or the hosts' own. Records are read and merged by
 * {@code jts.fleet.controller.change} and remote-checks' {@code change} package; this package only selects and prints.
 * Never writes a record and never imports another command family.
 */
package jts.fleet.controller.cli.history;
