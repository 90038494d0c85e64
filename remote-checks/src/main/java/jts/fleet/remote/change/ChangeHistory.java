package jts.fleet.remote.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Change records paired up into one entry per host and run: its intent lines and outcome lines, from one file or
 * merged from many (the hosts' own files, where several controllers may have written). A line read twice (the same
 * host reached under two names, a file copied) counts once. An entry whose intent has no outcome is
 * {@link #UNFINISHED}: the command crashed, was killed, or lost the host mid-change.
 */
public final class ChangeHistory {
    /** The status of an entry with an intent and no outcome. */
    public static final String UNFINISHED = "unfinished";

    private ChangeHistory() {
    }

    /**
     * One host's change in one run.
     *
     * @param status   the outcome's result ({@code ok}, {@code changed}, {@code failed}, {@code refused},
     *                 {@code skipped}, {@code unreachable}) or {@link #UNFINISHED}
     * @param started  the first line's time
     * @param finished the last outcome's time; empty while unfinished
     * @param changes  what happened (outcomes), plus what was planned by steps that never finished
     * @param sources  who wrote the lines: controller, host or both
     */
    public record Entry(ChangeContext context, String status, Instant started, Optional<Instant> finished,
                        Optional<String> message, List<ChangeItem> changes, Set<ChangeRecord.Source> sources,
                        Optional<String> node) {
        public Entry {
            Objects.requireNonNull(context, "context");
            changes = List.copyOf(changes);
            sources = Set.copyOf(sources);
        }

        public boolean unfinished() {
            return status.equals(UNFINISHED);
        }
    }

    /** Which entries to show; each part is optional. */
    public record Query(Optional<Instant> since, Optional<Instant> until, Optional<String> reason,
                        Predicate<String> host) {
        public static final Query ALL = new Query(Optional.empty(), Optional.empty(), Optional.empty(), h -> true);

        boolean matches(Entry e) {
            return since.map(s -> !e.started().isBefore(s)).orElse(true)
                    && until.map(u -> e.started().isBefore(u)).orElse(true)
                    && reason.map(r -> e.context().reason().map(text -> text.toLowerCase(Locale.ROOT)
                            .contains(r.toLowerCase(Locale.ROOT))).orElse(false)).orElse(true)
                    && host.test(e.context().host());
        }
    }

    /**
     * Pairs {@code records} (oldest first, as the change files hold them) up; the entries {@code query} selects,
     * newest first (then by host; of one host's changes started in the same second, the later-read first).
     */
    public static List<Entry> entries(List<ChangeRecord> records, Query query) {
        Map<String, List<ChangeRecord>> byChange = new LinkedHashMap<>();
        // the same line read twice is an equal record; two steps of one host in the same second (install-file
        // for each pushed file) differ in what they changed, so both count
        Set<ChangeRecord> seen = new java.util.HashSet<>();
        for (ChangeRecord r : records) {
            if (seen.add(r)) {
                byChange.computeIfAbsent(r.context().runId() + " " + r.context().host(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (List<ChangeRecord> lines : byChange.values()) {
            Entry e = entry(lines);
            if (query.matches(e)) {
                entries.add(e);
            }
        }
        // records are read oldest first (files in the order they were appended to): of two changes of one host
        // started in the same second (times are whole seconds), the one read later is the newer
        java.util.Collections.reverse(entries);
        entries.sort(Comparator.comparing(Entry::started).reversed()
                .thenComparing(e -> e.context().host()));
        return entries;
    }

    /** Worst first: what an entry of several outcomes (several host steps) shows. */
    private static final List<ChangeRecord.Result> SEVERITY = List.of(ChangeRecord.Result.FAILED,
            ChangeRecord.Result.UNREACHABLE, ChangeRecord.Result.REFUSED, ChangeRecord.Result.CHANGED,
            ChangeRecord.Result.OK, ChangeRecord.Result.SKIPPED);

    private static Entry entry(List<ChangeRecord> lines) {
        // intents and outcomes are counted per writer and step: a host runs several steps for one change
        Map<String, Integer> open = new HashMap<>();
        Map<String, ChangeRecord> lastIntent = new LinkedHashMap<>();
        Instant started = lines.get(0).time();
        Instant finished = null;
        ChangeRecord.Result worst = null;
        List<ChangeItem> changes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Set<ChangeRecord.Source> sources = EnumSet.noneOf(ChangeRecord.Source.class);
        Optional<String> node = Optional.empty();
        ChangeContext context = lines.get(0).context();
        for (ChangeRecord r : lines) {
            sources.add(r.source());
            if (node.isEmpty()) {
                node = r.node();
            }
            if (r.time().isBefore(started)) {
                started = r.time();
            }
            String writer = r.source() + " " + r.step().orElse("");
            if (r.event() == ChangeRecord.Event.INTENT) {
                open.merge(writer, 1, Integer::sum);
                lastIntent.put(writer, r);
                context = r.context();
                continue;
            }
            open.merge(writer, -1, Integer::sum);
            if (finished == null || r.time().isAfter(finished)) {
                finished = r.time();
            }
            ChangeRecord.Result result = r.result().orElseThrow();
            if (worst == null || SEVERITY.indexOf(result) < SEVERITY.indexOf(worst)) {
                worst = result;
            }
            changes.addAll(r.changes());
            r.message().filter(m -> !m.isBlank() && !messages.contains(m)).ifPresent(messages::add);
        }
        boolean unfinished = false;
        for (Map.Entry<String, Integer> w : open.entrySet()) {
            if (w.getValue() > 0) {
                unfinished = true;
                changes.addAll(lastIntent.get(w.getKey()).changes());
            }
        }
        String status = unfinished || worst == null ? UNFINISHED : worst.key();
        return new Entry(context, status, started, unfinished ? Optional.empty() : Optional.ofNullable(finished),
                messages.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", messages)), changes, sources,
                node);
    }
}
