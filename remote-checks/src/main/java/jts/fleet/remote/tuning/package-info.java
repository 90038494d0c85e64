/**
 * Queue tuning decided and rendered: {@link jts.fleet.remote.tuning.TuningPlanner} is the one rule for what each
 * device of a host should have (tier, layer: leaf devices of dm/md, the disk of a partition, zoned devices keep
 * {@code mq-deadline}) and whether what it has is drift ({@link jts.fleet.remote.tuning.HostPlan}); the udev rules
 * renderer ({@link jts.fleet.remote.tuning.UdevRules}), the fixed apply/verify/rollback scripts
 * ({@link jts.fleet.remote.tuning.TuningScripts}, sharing {@code tune-common.sh}), the state file
 * ({@link jts.fleet.remote.tuning.TuningState}) and the parsers of what the scripts print. Pure: never opens a
 * connection.
 */
package jts.fleet.remote.tuning;
