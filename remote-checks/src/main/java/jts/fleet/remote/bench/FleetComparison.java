package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench compare --fleet RUN}: each host against the median of the hosts of its tier running the same
 * profile. A host is an outlier when its p99 completion latency is at least {@code p99Factor} times the median,
 * or its IOPS at most {@code iopsFactor} times the median: the one slow NVMe among its peers.
 */
public record FleetComparison(String run, List<Entry> entries) {
    public static final double DEFAULT_P99_FACTOR = 2.0;
    public static final double DEFAULT_IOPS_FACTOR = 0.5;

    public record Entry(String host, String tier, String profile, int peers, double iops, double fleetMedianIops,
                        double clatP99Us, double fleetMedianClatP99Us, boolean outlier, List<String> reasons) {
        public Entry {
            reasons = List.copyOf(reasons);
        }
    }

    public FleetComparison {
        entries = List.copyOf(entries);
    }

    public List<Entry> outliers() {
        return entries.stream().filter(Entry::outlier).toList();
    }

    public static FleetComparison compare(String run, List<BenchDocument> docs, double p99Factor, double iopsFactor) {
        Map<String, List<Object[]>> groups = new TreeMap<>();
        for (BenchDocument d : docs) {
            String tier = d.tier() == null || d.tier().isEmpty() ? "untiered" : d.tier();
            for (BenchDocument.ProfileResult pr : d.profiles()) {
                if (pr.summary().error() == null) {
                    groups.computeIfAbsent(tier + "\u0000" + pr.summary().profile(), k -> new ArrayList<>())
                            .add(new Object[] {d.host(), pr.summary()});
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        groups.forEach((key, members) -> {
            String tier = key.substring(0, key.indexOf('\u0000'));
            String profile = key.substring(key.indexOf('\u0000') + 1);
            double medianIops = Statistics.median(members.stream().mapToDouble(m -> ((ProfileSummary) m[1]).iops()).toArray());
            double medianP99 = Statistics.median(members.stream()
                    .mapToDouble(m -> ((ProfileSummary) m[1]).metric(Metric.CLAT_P99_US)).filter(v -> !Double.isNaN(v)).toArray());
            for (Object[] m : members) {
                ProfileSummary s = (ProfileSummary) m[1];
                double p99 = s.metric(Metric.CLAT_P99_US);
                List<String> reasons = new ArrayList<>();
                // a group of one or two has no meaningful median to stand out from
                if (members.size() >= 3) {
                    if (!Double.isNaN(p99) && medianP99 > 0 && p99 >= p99Factor * medianP99) {
                        reasons.add(String.format(java.util.Locale.ROOT, "p99 %.1f µs is %.1fx the fleet median %.1f µs",
                                p99, p99 / medianP99, medianP99));
                    }
                    if (medianIops > 0 && s.iops() <= iopsFactor * medianIops) {
                        reasons.add(String.format(java.util.Locale.ROOT, "IOPS %.0f is %.2fx the fleet median %.0f",
                                s.iops(), s.iops() / medianIops, medianIops));
                    }
                }
                entries.add(new Entry((String) m[0], tier, profile, members.size(), s.iops(), medianIops, p99, medianP99,
                        !reasons.isEmpty(), reasons));
            }
        });
        return new FleetComparison(run, entries);
    }
}
