package jts.fleet.remote.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses fio's {@code --output-format=json}. Handles fio 3.x (nanosecond {@code clat_ns}/{@code lat_ns}
 * blocks, {@code bw_bytes}) and fio 2.x (microsecond {@code clat}/{@code lat}, bandwidth and io_bytes in KiB),
 * string percentile keys ({@code "99.000000"}), {@code sync.lat_ns}, and text before the document.
 */
public final class FioJsonParser {
    private static final ObjectMapper MAPPER = jts.fleet.remote.json.JsonMappers.mapper();

    private FioJsonParser() {
    }

    /** Where the JSON document starts: the first line that begins with '{'; -1 when there is none. */
    static int documentStart(String text) {
        if (text.startsWith("{")) {
            return 0;
        }
        int at = text.indexOf("\n{");
        return at < 0 ? -1 : at + 1;
    }

    /** The JSON document itself (leading junk removed), parsed as a tree. */
    public static JsonNode document(String text, String source) throws FioParseException {
        int start = documentStart(text);
        if (start < 0) {
            String head = text.strip();
            throw new FioParseException(source + ": no fio JSON document in the output"
                    + (head.isEmpty() ? " (empty)" : ": " + firstLine(head)));
        }
        try (JsonParser p = MAPPER.getFactory().createParser(text.substring(start))) {
            JsonNode node = MAPPER.readTree(p);
            if (node == null || !node.isObject()) {
                throw new FioParseException(source + ": fio output is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            int line = lineOf(text, start) + e.getLocation().getLineNr() - 1;
            throw new FioParseException(source + ": line " + line + ": malformed fio JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FioParseException(source + ": reading fio JSON: " + e.getMessage(), e);
        }
    }

    public static FioResult parse(String text, String source) throws FioParseException {
        JsonNode root = document(text, source);
        return parse(root, text.substring(0, documentStart(text)).strip(), source);
    }

    /** Parses an already-read fio document (e.g. the {@code fio} member of a stored bench document). */
    public static FioResult parse(JsonNode root, String junk, String source) throws FioParseException {
        JsonNode jobs = root.get("jobs");
        if (jobs == null || !jobs.isArray()) {
            throw new FioParseException(source + ": fio JSON has no \"jobs\" array");
        }
        List<FioJobResult> results = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            results.add(job(jobs.get(i), source + ": jobs[" + i + "]"));
        }
        return new FioResult(root.path("fio version").asText(""), root.path("timestamp").asLong(0), results, junk);
    }

    private static FioJobResult job(JsonNode job, String where) throws FioParseException {
        if (!job.has("jobname")) {
            throw new FioParseException(where + ": missing \"jobname\"");
        }
        Optional<LatencyStats> sync = Optional.empty();
        JsonNode syncNode = job.path("sync");
        if (syncNode.isObject()) {
            LatencyStats s = latency(syncNode, "lat_ns", "lat", where + ".sync", syncNode.path("total_ios").asLong(0));
            if (s.count() > 0) {
                sync = Optional.of(s);
            }
        }
        FioDirection read = direction(job.path("read"), where + ".read");
        FioDirection write = direction(job.path("write"), where + ".write");
        FioDirection trim = direction(job.path("trim"), where + ".trim");
        // job_runtime is fio 3.x; older versions only have the per-direction runtimes
        long runtime = job.has("job_runtime") ? job.path("job_runtime").asLong()
                : Math.max(read.runtimeMs(), Math.max(write.runtimeMs(), trim.runtimeMs()));
        return new FioJobResult(job.get("jobname").asText(), job.path("groupid").asInt(0), job.path("error").asInt(0),
                runtime, job.path("usr_cpu").asDouble(0), job.path("sys_cpu").asDouble(0), read, write, trim, sync);
    }

    private static FioDirection direction(JsonNode d, String where) throws FioParseException {
        if (!d.isObject()) {
            return FioDirection.IDLE;
        }
        // fio 2.x: io_bytes and bw in KiB; fio 3.x added io_kbytes/bw_bytes and made io_bytes bytes
        long ioBytes = d.has("io_kbytes") ? d.path("io_bytes").asLong() : d.path("io_bytes").asLong() * 1024;
        long bw = d.has("bw_bytes") ? d.path("bw_bytes").asLong() : d.path("bw").asLong() * 1024;
        long totalIos = d.has("total_ios") ? d.path("total_ios").asLong() : Math.round(d.path("iops").asDouble()
                * d.path("runtime").asLong() / 1000.0);
        return new FioDirection(ioBytes, bw, d.path("iops").asDouble(), d.path("runtime").asLong(), totalIos,
                latency(d, "clat_ns", "clat", where, totalIos), latency(d, "lat_ns", "lat", where, totalIos));
    }

    /** Reads {@code nsKey} (fio >= 2.99), else {@code usKey} in microseconds; absent means empty. */
    static LatencyStats latency(JsonNode parent, String nsKey, String usKey, String where, long countWithoutN)
            throws FioParseException {
        JsonNode block = parent.get(nsKey);
        double scale = 1;
        if (block == null) {
            block = parent.get(usKey);
            scale = 1000;
        }
        if (block == null || !block.isObject()) {
            return LatencyStats.EMPTY;
        }
        TreeMap<Double, Double> pct = new TreeMap<>();
        JsonNode p = block.path("percentile");
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                double percentile = Double.parseDouble(e.getKey());
                // fio 2.x pads the list with "0.00" : 0 entries
                if (percentile > 0) {
                    pct.put(percentile, e.getValue().asDouble() * scale);
                }
            } catch (NumberFormatException ex) {
                throw new FioParseException(where + "." + (scale == 1 ? nsKey : usKey) + ".percentile: key "
                        + FioJob.quote(e.getKey()) + " is not a number", ex);
            }
        }
        // fio 2.x blocks have no "N": the direction's I/O count stands in
        long n = block.has("N") ? block.path("N").asLong() : countWithoutN;
        return new LatencyStats(n, block.path("min").asDouble() * scale, block.path("max").asDouble() * scale,
                block.path("mean").asDouble() * scale, block.path("stddev").asDouble() * scale, pct);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
