/**
 * The monitoring commands, one per class: {@code watch} (live I/O view), {@code check} (the Nagios plugin) and
 * {@code monitor} ({@link jts.fleet.controller.cli.monitor.MonitorGroup}) with {@code install} and {@code run-once}.
 * They gather each host once and hand the models to {@code jts.fleet.controller.monitor} (watch and check engines,
 * the metrics installer); they never sample, compute rates or judge thresholds themselves, never run a host script,
 * and never import another command family.
 */
package jts.fleet.controller.cli.monitor;
