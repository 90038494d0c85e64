package jts.fleet.remote.bench;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What is stored per host per run ({@code <store>/<runId>/<host>.json}) and printed by {@code -o json}.
 * {@code profiles[].fio} is fio's JSON document exactly as the host produced it, so every summary can be
 * recomputed and checked.
 */
public record BenchDocument(
        @JsonProperty("schema") int schema,
        @JsonProperty("run_id") String runId,
        @JsonProperty("host") String host,
        @JsonProperty("tier") String tier,
        @JsonProperty("label") String label,
        @JsonProperty("time") String time,
        @JsonProperty("kernel") String kernel,
        @JsonProperty("fio_version") String fioVersion,
        @JsonProperty("engine") String engine,
        @JsonProperty("direct") boolean direct,
        @JsonProperty("direct_note") String directNote,
        @JsonProperty("target") TargetDevices target,
        @JsonProperty("runtime_s") int runtimeSeconds,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("profiles") List<ProfileResult> profiles) {
    public static final int SCHEMA = 1;

    public BenchDocument {
        profiles = List.copyOf(profiles);
    }

    /**
     * One profile: the summary, how long fio ran on the host ({@code fio_wall_ms}, of which {@code layout_ms}
     * writing the files before the timed run) and fio's unmodified JSON ({@code null} when fio printed none).
     */
    public record ProfileResult(@JsonProperty("summary") ProfileSummary summary, @JsonProperty("fio_exit") int fioExit,
                                @JsonProperty("fio_stderr") String fioStderr, @JsonProperty("fio_wall_ms") long fioWallMs,
                                @JsonProperty("layout_ms") long layoutMs, @JsonProperty("fio") JsonNode fio) {
        public ProfileResult {
            // Jackson reads a stored null as NullNode: keep one spelling of "no fio document"
            fio = fio == null || fio.isNull() ? null : fio;
        }
    }

    public java.util.Optional<ProfileSummary> summary(String profile) {
        return profiles.stream().map(ProfileResult::summary).filter(s -> s.profile().equals(profile)).findFirst();
    }
}
