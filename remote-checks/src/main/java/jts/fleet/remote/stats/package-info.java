/**
 * /proc/diskstats and the arithmetic on it: {@link jts.fleet.remote.stats.DiskStats} parses the 14, 18 or 20 field
 * layouts ({@link jts.fleet.remote.stats.DiskStatsLayout}: kernel differences are data),
 * {@link jts.fleet.remote.stats.IoStat} computes iostat -x rates between two samples, handling counter wraps and
 * devices that came or went. Pure: parsers take strings, never a file or a connection.
 */
package jts.fleet.remote.stats;
