package jts.fleet.controller.transport;

/**
 * How many bytes one remote command may send back, per stream (stdout, stderr): past it the command is
 * stopped on the host and the host fails with {@link FailureClass#OUTPUT_LIMIT}. A host that prints without
 * end (a broken login shell, {@code ForceCommand yes}) then costs the controller at most this much memory.
 *
 * @param readBytes     what every read returns: gather output, state files, script records
 * @param documentBytes benchmark documents (fio JSON of a whole suite), much larger than any read
 */
public record OutputLimits(long readBytes, long documentBytes) {
    /** 4 MiB: a gather of 1,800 block devices is about 1.2 MiB. */
    public static final long DEFAULT_READ_BYTES = 4L << 20;
    /** 64 MiB: a suite of fio runs with full latency percentiles is a few MiB. */
    public static final long DEFAULT_DOCUMENT_BYTES = 64L << 20;
    /** Below this no command could answer at all. */
    public static final long MINIMUM_BYTES = 64L << 10;

    public static final OutputLimits DEFAULT = new OutputLimits(DEFAULT_READ_BYTES, DEFAULT_DOCUMENT_BYTES);

    public OutputLimits {
        if (readBytes < MINIMUM_BYTES || documentBytes < MINIMUM_BYTES) {
            throw new IllegalArgumentException("output limits must be at least " + MINIMUM_BYTES / 1024
                    + " KiB, got " + readBytes + " and " + documentBytes + " bytes");
        }
        if (readBytes > Integer.MAX_VALUE - 16 || documentBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("output limits must stay below 2 GiB");
        }
    }

    /**
     * The failure of a command that printed more than {@code limit} (this object's read or document cap) on
     * {@code stream} ("stdout", "stderr") and was stopped on the host; it names the option that raises that cap.
     */
    public TransportException exceeded(String host, String stream, long limit) {
        // the document cap only where it is not also the read cap: --max-output is the option most runs mean
        String option = limit == documentBytes && limit != readBytes ? "--max-document" : "--max-output";
        return new TransportException(FailureClass.OUTPUT_LIMIT, host + ": the command printed more than "
                + describe(limit) + " on " + stream + " and was stopped on the host (a runaway login shell or"
                + " command? " + option + " raises the cap)");
    }

    /** {@code 4 MiB}, {@code 512 KiB}, {@code 1000 bytes}: for messages. */
    public static String describe(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
