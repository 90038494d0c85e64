package jts.fleet.remote.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One fio job of a profile: a section name and its options. Options are checked against
 * {@link FioOption}'s allowlist here, so a job file rendered from a {@code FioJob} can never carry a
 * path, a shell hook ({@code exec_prerun}) or an environment reference.
 */
public record FioJob(String name, Map<String, String> options) {
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    public FioJob {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("fio job name " + quote(name) + " must match " + NAME.pattern());
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            FioOption.validate(name, e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        options = Collections.unmodifiableMap(copy);
    }

    /** The explicit engine of this job (sync profiles), or empty when the host's best async engine is used. */
    public java.util.Optional<String> ioengine() {
        return java.util.Optional.ofNullable(options.get("ioengine"));
    }

    static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
