/**
 * The benchmark commands, one per class: {@code bench} ({@link jts.fleet.controller.cli.bench.BenchGroup}) with
 * {@code run}, {@code list}, {@code show}, {@code compare} and {@code report}, and {@code experiment}; what the two
 * measuring commands share ({@link jts.fleet.controller.cli.bench.MeasuringCommand}: freeze, change record, engine,
 * Ctrl-C cleanup), what the three readers of stored runs share
 * ({@link jts.fleet.controller.cli.bench.StoredRunsCommand}), the options ({@code --store}, {@code --runtime}/
 * {@code --size}) and the terminal's progress line. Each command fills a
 * request and calls {@code jts.fleet.controller.bench} (engine, store, queries, text views); it never runs fio or a
 * host script itself, never measures or compares numbers, and never imports another command family.
 */
package jts.fleet.controller.cli.bench;
