package jts.fleet.remote.bench;

import java.util.List;

/** Stored bench documents built from recorded fio output (remote-checks' Docs), for controller tests. */
public final class RecordedRuns {
    private RecordedRuns() {
    }

    /** One run of {@code hosts} on tier {@code tier}, IOPS scaled per host by {@code scales}. */
    public static List<BenchDocument> run(String runId, String tier, List<String> hosts, double... scales)
            throws Exception {
        List<BenchDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            docs.add(Docs.recorded(runId, hosts.get(i), tier, "rand-read-4k-qd32",
                    "fio-3.33-rand-read-4k-qd32-io_uring.json", scales[i]));
        }
        return docs;
    }
}
