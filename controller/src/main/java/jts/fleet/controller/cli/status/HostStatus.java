package jts.fleet.controller.cli.status;

import jts.fleet.inventory.Policy;
import jts.fleet.remote.model.StorageModel;
import jts.fleet.remote.trim.TrimStatus;
import jts.fleet.remote.tuning.TuningPlanner;

/** One host's status: its storage model and how many settings differ from the policy. */
record HostStatus(StorageModel model, long drift) {

    /**
     * The status of {@code model}: queue attributes that differ from the policy right now (what {@code apply} would
     * set) are computed from the same snapshot, no extra round trip.
     */
    static HostStatus of(StorageModel model, Policy policy) {
        return new HostStatus(model, TuningPlanner.plan(model, policy).drift().size());
    }

    /** Last TRIM per filesystem (trim.jsonl) and the timer's next elapse, both from the gather snapshot. */
    TrimStatus trim() {
        var snap = model.snapshot();
        var fromLog = TrimStatus.fromLog(snap.host(), snap.trimLog());
        return new TrimStatus(snap.host(), snap.trimTimerNextElapse(), fromLog.log());
    }
}
