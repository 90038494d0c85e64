/**
 * The TRIM engine: {@link jts.fleet.controller.trim.TrimEngine} pushes the host-side TRIM script, its config and
 * systemd units through {@code fleet.FileInstaller} ({@code trim install}, with ok/changed per file by sha256) and
 * runs it now ({@code trim}); {@link jts.fleet.controller.trim.TrimViews} renders the JSON and text views of the
 * results. What is pushed (script, config, units, schedule) is rendered, and what the host answers is parsed, by
 * {@code jts.fleet.remote.trim}; this package never builds a file's content and never decides whether a window
 * allows the run ({@code maintenance} does).
 */
package jts.fleet.controller.trim;
