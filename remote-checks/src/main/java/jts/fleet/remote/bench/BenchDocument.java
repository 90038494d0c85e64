package jts.fleet.remote.bench;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What is stored per host per run ({@code <store>/<runId>/<host>.json}) and printed by {@code -o json}.
 * {@code profiles[].fio} is fio's JSON document exactly as the host produced it, so every summary can be
 * recomputed and checked.
 */
public record BenchDocument(int schema, String runId, String host, String tier, String label, String time,
                            String kernel, String fioVersion, String engine, boolean direct, String directNote,
                            TargetDevices target, @JsonProperty("runtime_s") int runtimeSeconds, long sizeBytes,
                            List<ProfileResult> profiles) {
    public static final int SCHEMA = 1;

    public BenchDocument {
        profiles = List.copyOf(profiles);
    }

    /**
     * One profile: the summary, how long fio ran on the host ({@code fio_wall_ms}, of which {@code layout_ms}
     * writing the files before the timed run) and fio's unmodified JSON ({@code null} when fio printed none).
     */
    public record ProfileResult(ProfileSummary summary, int fioExit, String fioStderr, long fioWallMs, long layoutMs,
                                JsonNode fio) {
        public ProfileResult {
            // Jackson reads a stored null as NullNode: keep one spelling of "no fio document"
            fio = fio == null || fio.isNull() ? null : fio;
        }
    }

    public java.util.Optional<ProfileSummary> summary(String profile) {
        return profiles.stream().map(ProfileResult::summary).filter(s -> s.profile().equals(profile)).findFirst();
    }
}
