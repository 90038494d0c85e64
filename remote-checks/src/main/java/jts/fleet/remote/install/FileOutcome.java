package jts.fleet.remote.install;

/** The outcome for one file of an install, with the sha256 the host now holds (or would hold). */
public record FileOutcome(String path, FileChange change, String sha256) {
}
