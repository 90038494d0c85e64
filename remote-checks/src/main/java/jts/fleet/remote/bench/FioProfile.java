package jts.fleet.remote.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named benchmark workload shape: one fio job, or several jobs that run in parallel as one group
 * ({@code clickhouse-merge}: a reader and a writer). {@code source} says where it came from (embedded
 * default or the policy) so a report can show an overridden profile as such.
 */
public record FioProfile(String name, String description, List<FioJob> jobs, String source) {
    public FioProfile {
        if (name == null || !FioJob.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("profile name " + FioJob.quote(name) + " must match " + FioJob.NAME.pattern());
        }
        jobs = List.copyOf(jobs);
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " has no jobs");
        }
        Set<String> seen = new HashSet<>();
        for (FioJob job : jobs) {
            if (!seen.add(job.name())) {
                throw new IllegalArgumentException("profile " + name + ": job " + job.name() + " appears twice");
            }
        }
    }

    /** Files this profile may occupy at most, as a multiple of the per-job size (appends grow a file up to 2x). */
    public long spaceFactor() {
        long factor = 0;
        for (FioJob job : jobs) {
            int numjobs = Integer.parseInt(job.options().getOrDefault("numjobs", "1"));
            // fio splits size between nrfiles, so only numjobs and appends multiply it
            int grow = "1".equals(job.options().get("file_append")) ? 2 : 1;
            factor += (long) numjobs * grow;
        }
        return factor;
    }

    /** True when the profile is buffered by design ({@code direct=0}): its numbers are still judged, not marked. */
    public boolean buffered() {
        return jobs.stream().anyMatch(j -> "0".equals(j.options().get("direct")));
    }

    /** True when a job syncs after writes, so its sync latency is the number that matters. */
    public boolean syncs() {
        return jobs.stream().anyMatch(j -> j.options().containsKey("fdatasync") || j.options().containsKey("fsync"));
    }
}
