/**
 * systemd units as data ({@link jts.fleet.remote.systemd.Unit}: sections of key/value lines, serialised
 * deterministically) and {@link jts.fleet.remote.systemd.CalendarSpec} for {@code OnCalendar=}. Never a string
 * template; checked by {@code systemd-analyze verify} in the tests of the packages that render units.
 */
package jts.fleet.remote.systemd;
