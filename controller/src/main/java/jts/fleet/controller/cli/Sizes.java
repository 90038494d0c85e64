package jts.fleet.controller.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Human sizes in binary units, as lsblk prints them. */
public final class Sizes {
    private Sizes() {
    }

    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : oneDecimal(value) + " " + units[unit];
    }

    /**
     * {@code value} with one decimal, rounded half up from its shortest decimal form: what
     * {@code String.format(Locale.ROOT, "%.1f", value)} prints (SizesTest), without java.util.Formatter, whose first
     * use loads the JDK's locale providers: ~10 ms of a one-shot {@code status} (scripts/bench/startup.sh).
     */
    static String oneDecimal(double value) {
        return new BigDecimal(Double.toString(value)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
