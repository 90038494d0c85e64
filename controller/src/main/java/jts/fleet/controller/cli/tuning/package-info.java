/**
 * The queue-tuning commands, one per class: {@code plan}, {@code apply}, {@code verify} and {@code rollback};
 * {@link jts.fleet.controller.cli.tuning.RolloutCommand} is the run apply and rollback share (freeze, change record,
 * batches, Ctrl-C, refused and untouched hosts), {@link jts.fleet.controller.cli.tuning.Rollout} its options. They call {@code jts.fleet.controller.tuning.TuningEngine} and print its reports; what to set, what drifted
 * and how to restore is decided there and in remote-checks' planner, never here. Never runs a host script and never
 * imports another command family.
 */
package jts.fleet.controller.cli.tuning;
