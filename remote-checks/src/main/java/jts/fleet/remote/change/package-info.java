/**
 * Change records: who changed what on which host, when and why. One record model for the controller's file
 * ({@code $XDG_STATE_HOME/jts-fleet/changes.jsonl}) and the hosts' own ({@code /var/lib/jts-fleet/changes.jsonl},
 * appended by the host script that makes the change, see {@link jts.fleet.remote.change.HostChangeLog}): JSON lines,
 * one schema ({@code docs/schema/change-record.schema.json}). A change writes an {@code intent} line before it
 * starts and an {@code outcome} line after it ended, so a crash leaves an unfinished record rather than nothing.
 * {@link jts.fleet.remote.change.ChangeRecords} writes and reads one line, {@link jts.fleet.remote.change.ChangeLogText}
 * reads a whole file (a bad line is a problem with file:line, never fatal), {@link jts.fleet.remote.change.ChangeHistory}
 * pairs intents with outcomes, {@link jts.fleet.remote.change.RunIds} names a run (a change run's and a benchmark
 * run's id alike). Pure: nothing here opens a file or a connection.
 */
package jts.fleet.remote.change;
