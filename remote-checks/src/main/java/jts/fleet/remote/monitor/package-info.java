/**
 * Monitoring artifacts and their readers: the host metrics script and its config
 * ({@link jts.fleet.remote.monitor.MetricsConfig}), systemd units ({@link jts.fleet.remote.monitor.MonitorUnits}),
 * Prometheus alert rules ({@link jts.fleet.remote.monitor.AlertRules}, tested with {@code promtool test rules}),
 * the Grafana dashboard, the read scripts of {@code watch} and {@code check} and the parsers of what they print
 * ({@link jts.fleet.remote.monitor.HostReads}, {@link jts.fleet.remote.monitor.PromText}). Pure: never opens a
 * connection.
 */
package jts.fleet.remote.monitor;
