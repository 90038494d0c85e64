/**
 * The queue-tuning commands, one per class: {@code plan}, {@code apply}, {@code verify} and {@code rollback}, and
 * {@link jts.fleet.controller.cli.tuning.Rollout} (batches, max-fail, dry run, force, and the run apply and rollback
 * share). They call {@code jts.fleet.controller.tuning.TuningEngine} and print its reports; what to set, what drifted
 * and how to restore is decided there and in remote-checks' planner, never here. Never runs a host script and never
 * imports another command family.
 */
package jts.fleet.controller.cli.tuning;
