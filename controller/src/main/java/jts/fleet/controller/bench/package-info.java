/**
 * The benchmark engines: {@link jts.fleet.controller.bench.BenchEngine} ({@code bench run}: resolve targets, run
 * the fixed {@code bench.sh} with rendered fio jobs, store one document per host),
 * {@link jts.fleet.controller.bench.ExperimentEngine} (A/B rounds switching one queue attribute, always restored),
 * {@link jts.fleet.controller.bench.BenchStore} and {@link jts.fleet.controller.bench.BenchQueries} (the read
 * side: list, show, compare, report). Never parses fio output or renders fio jobs (that is
 * {@code jts.fleet.remote.bench}) and never prints: the commands in {@code cli} do.
 */
package jts.fleet.controller.bench;
