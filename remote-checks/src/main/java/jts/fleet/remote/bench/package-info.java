/**
 * Benchmarks on the host side: fio profiles and job files ({@link jts.fleet.remote.bench.FioProfile},
 * {@link jts.fleet.remote.bench.FioJobFile}), the fixed scripts ({@link jts.fleet.remote.bench.BenchScripts}:
 * {@code bench.sh}, {@code bench-devices.sh}, {@code bench-cleanup.sh}, {@code queue-set.sh}), the fio JSON parser
 * and summaries, comparisons with thresholds, statistics of experiments, and the HTML/SVG report. Pure: tested
 * on recorded fio output, never opens a connection.
 */
package jts.fleet.remote.bench;
