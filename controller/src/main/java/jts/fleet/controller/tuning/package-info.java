/**
 * The tuning engine: {@link jts.fleet.controller.tuning.TuningEngine} runs plan, apply, verify and rollback of
 * queue settings per host over a transport and across the fleet, and reports them
 * ({@link jts.fleet.controller.tuning.PlanReport}, {@link jts.fleet.controller.tuning.ApplyReport},
 * {@link jts.fleet.controller.tuning.VerifyReport}, {@link jts.fleet.controller.tuning.RollbackReport},
 * {@link jts.fleet.controller.tuning.Drift}). What a device should have is decided by
 * {@code jts.fleet.remote.tuning.TuningPlanner} alone; this package asks it and never judges a setting itself.
 */
package jts.fleet.controller.tuning;
