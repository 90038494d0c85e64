/**
 * The monitoring engines: {@link jts.fleet.controller.monitor.WatchEngine} (the live I/O view, one read per host
 * and interval), {@link jts.fleet.controller.monitor.CheckEngine} (the Nagios-style one-shot check and its
 * {@link jts.fleet.controller.monitor.CheckReport}) and {@link jts.fleet.controller.monitor.MonitorEngine}
 * ({@code monitor install} and {@code run-once}). Scripts, alert rules, dashboards and the diskstats arithmetic
 * are remote-checks' ({@code jts.fleet.remote.monitor}, {@code jts.fleet.remote.stats}); this package only
 * runs them over a transport and judges the numbers against the policy's thresholds.
 */
package jts.fleet.controller.monitor;
