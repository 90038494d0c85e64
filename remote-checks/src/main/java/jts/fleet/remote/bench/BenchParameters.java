package jts.fleet.remote.bench;

/**
 * How long and on how much data each profile runs. {@code sizeBytes} is the file size per fio job;
 * {@code runtimeSeconds} is the timed part of each profile (layout of the files comes before and is not timed).
 */
public record BenchParameters(int runtimeSeconds, long sizeBytes) {
    public static final long MIN_SIZE = 1L << 20;

    public BenchParameters {
        if (runtimeSeconds < 1 || runtimeSeconds > 3600) {
            throw new IllegalArgumentException("runtime " + runtimeSeconds + " s is out of range 1..3600");
        }
        if (sizeBytes < MIN_SIZE || sizeBytes > (1L << 40)) {
            throw new IllegalArgumentException("size " + sizeBytes + " bytes is out of range 1 MiB..1 TiB");
        }
    }

    /** Parses sizes like {@code 32m}, {@code 1g}, {@code 4096} (binary units). */
    public static long parseSize(String text) {
        var m = java.util.regex.Pattern.compile("^([0-9]{1,12})([kKmMgGtT]?)(i?[bB])?$").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("size " + FioJob.quote(text) + " is not a number with an optional k/m/g/t unit");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return n << shift;
    }
}
