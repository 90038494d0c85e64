package jts.fleet.remote.bench;

import java.util.List;

/**
 * A parsed fio JSON document. {@code leadingJunk} holds whatever fio (or the shell) printed before the JSON
 * document, e.g. "note: both iodepth >= 1 and synchronous I/O engine are selected", for display.
 */
public record FioResult(String fioVersion, long timestamp, List<FioJobResult> jobs, String leadingJunk) {
    public FioResult {
        jobs = List.copyOf(jobs);
    }
}
