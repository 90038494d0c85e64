/**
 * The TRIM commands, one per class: {@code trim} ({@link jts.fleet.controller.cli.trim.Trim}, which runs the pushed
 * TRIM now) and {@code trim install}. They call {@code jts.fleet.controller.trim} and print its reports; which
 * filesystems to trim, the blackout windows and the pacing are decided by that engine and by the host-side script,
 * never here. Never runs a host script itself and never imports another command family.
 */
package jts.fleet.controller.cli.trim;
