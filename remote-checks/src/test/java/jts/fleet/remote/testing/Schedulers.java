package jts.fleet.remote.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The I/O schedulers a real device offers, read from its sysfs file. Kernels differ (one has bfq, another
 * kyber only as an unloaded module), so tests never name a scheduler the device may lack: they pick one from
 * what this device lists. Every blk-mq kernel offers at least {@code none} and, with CONFIG_MQ_IOSCHED_DEADLINE
 * (built in on Debian), {@code mq-deadline}; {@link #requireTwo} states that as the test's precondition.
 */
public final class Schedulers {
    /** The schedulers blk-mq knows of; {@link #notOffered} picks from these. */
    public static final List<String> KNOWN = List.of("none", "mq-deadline", "kyber", "bfq");

    private final List<String> offered;
    private final String active;

    private Schedulers(List<String> offered, String active) {
        this.offered = List.copyOf(offered);
        this.active = active;
    }

    /** Parses a {@code queue/scheduler} text such as {@code "none [mq-deadline] kyber\n"}. */
    public static Schedulers parse(String text) {
        List<String> names = new ArrayList<>();
        String active = null;
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("[") && word.endsWith("]")) {
                word = word.substring(1, word.length() - 1);
                active = word;
            }
            names.add(word);
        }
        return new Schedulers(names, active);
    }

    /** Reads {@code /sys/block/DEV/queue/scheduler} (or any file of that format). */
    public static Schedulers of(Path schedulerFile) throws IOException {
        return parse(Files.readString(schedulerFile));
    }

    /** Reads the scheduler list of block device {@code device} (a kernel name such as {@code loop3}). */
    public static Schedulers ofDevice(String device) throws IOException {
        return of(Path.of("/sys/block", device, "queue", "scheduler"));
    }

    public List<String> offered() {
        return offered;
    }

    /** The scheduler in brackets, or empty for a device without a choice. */
    public Optional<String> active() {
        return Optional.ofNullable(active);
    }

    /** The list as the kernel prints it without the brackets, e.g. {@code "none mq-deadline kyber"}. */
    public String listed() {
        return String.join(" ", offered);
    }

    /** The first offered scheduler that is none of {@code avoid}. */
    public Optional<String> otherThan(Collection<String> avoid) {
        return offered.stream().filter(s -> !avoid.contains(s)).findFirst();
    }

    /** An offered scheduler other than the active one: applying it is a real change. */
    public String otherThanActive() {
        return otherThan(active == null ? List.of() : List.of(active))
                .orElseThrow(() -> new IllegalStateException("the device offers one scheduler only: " + listed()));
    }

    /** A scheduler blk-mq knows that this device does not offer (e.g. kyber where it is a module not loaded). */
    public Optional<String> notOffered() {
        return KNOWN.stream().filter(s -> !offered.contains(s)).findFirst();
    }

    /** The test's precondition: at least two schedulers to switch between (skips, or fails under CI). */
    public Schedulers requireTwo() {
        Environment.require(offered.size() >= 2, "the device offers at least two I/O schedulers (" + listed() + ")");
        return this;
    }

    @Override
    public String toString() {
        return listed() + (active == null ? "" : " (active " + active + ")");
    }
}
