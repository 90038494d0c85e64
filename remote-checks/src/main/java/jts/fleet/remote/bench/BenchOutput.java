package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed output of one {@code bench.sh} run on one host: probe results ({@code meta}), the script's own
 * error when it refused to run, and per profile fio's raw JSON text, its stderr, exit code and timestamps.
 */
public record BenchOutput(Optional<String> error, String engine, boolean direct, String directNote, String fioVersion,
                          String kernel, List<ProfileRun> profiles) {
    public static final String HEADER = "jts-bench";

    /** One profile's fio run; times are host epoch milliseconds (layout = writing the files before the run). */
    public record ProfileRun(String profile, String fioJson, String stderr, int exitCode, long startMs,
                             long layoutDoneMs, long endMs) {
        public long fioWallMs() {
            return endMs - startMs;
        }
    }

    public BenchOutput {
        profiles = List.copyOf(profiles);
    }

    public static BenchOutput parse(String text, String source) throws FioParseException {
        Frames frames = Frames.parse(text, HEADER, source);
        Optional<String> error = frames.first("error").map(Frames.Section::content);
        Map<String, String> meta = frames.first("meta").map(Frames.Section::keyValues).orElse(Map.of());
        List<ProfileRun> runs = new ArrayList<>();
        for (Frames.Section fio : frames.all("fio")) {
            String p = fio.key();
            Map<String, String> exit = frames.first("fio-exit", p).map(Frames.Section::keyValues).orElseThrow(
                    () -> new FioParseException(source + ": line " + fio.line() + ": profile " + p + " has no fio-exit section"));
            String stderr = frames.first("fio-stderr", p).map(Frames.Section::content).orElse("").strip();
            runs.add(new ProfileRun(p, fio.content(), stderr, number(exit, "exit", source), longNumber(exit, "start_ms", source),
                    longNumber(exit, "layout_done_ms", source), longNumber(exit, "end_ms", source)));
        }
        if (error.isEmpty() && meta.isEmpty()) {
            throw new FioParseException(source + ": bench.sh printed neither results nor an error");
        }
        return new BenchOutput(error, meta.getOrDefault("engine", ""), "1".equals(meta.get("direct")),
                meta.getOrDefault("direct_note", ""), meta.getOrDefault("fio_version", ""), meta.getOrDefault("kernel", ""), runs);
    }

    private static int number(Map<String, String> kv, String key, String source) throws FioParseException {
        return (int) Math.min(Integer.MAX_VALUE, longNumber(kv, key, source));
    }

    private static long longNumber(Map<String, String> kv, String key, String source) throws FioParseException {
        try {
            return Long.parseLong(kv.getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            throw new FioParseException(source + ": fio-exit " + key + " = " + FioJob.quote(kv.get(key)) + " is not a number", e);
        }
    }
}
