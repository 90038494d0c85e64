/**
 * TRIM on the host side: the chunked FITRIM script {@code jts-fstrim.sh} and its activation, run and status
 * scripts ({@link jts.fleet.remote.trim.TrimScript}), which filesystems of a host are trimmed and why others are
 * left out ({@link jts.fleet.remote.trim.TrimTargets}), the config and systemd timer/service rendered from the
 * policy ({@link jts.fleet.remote.trim.TrimConfig}, {@link jts.fleet.remote.trim.TrimUnits},
 * {@link jts.fleet.remote.trim.TrimSchedule}) and the parser of the run records ({@code trim.jsonl},
 * {@link jts.fleet.remote.trim.TrimLog}) and the one rule judging them, failed, never successful or overdue
 * ({@link jts.fleet.remote.trim.TrimVerdict}). Pure: never opens a connection.
 */
package jts.fleet.remote.trim;
