/**
 * What a check shows a user: a {@link jts.fleet.remote.check.Finding} (host, {@link jts.fleet.remote.check.Severity},
 * subject, message), the one type of a judged observation, used by {@code check} and the shell's {@code run-check}.
 * It holds values only: it never reads a host, never judges anything itself (each check decides its findings) and
 * never renders a report.
 */
package jts.fleet.remote.check;
