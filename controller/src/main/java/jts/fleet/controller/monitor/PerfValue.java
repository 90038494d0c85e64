package jts.fleet.controller.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One Nagios performance value of {@code check}: the worst await of a tier's devices on a host over the
 * sampled interval, with the tier's limits, e.g. {@code 'hot_read_await_ms'=0.4ms;1;5}. Devices without I/O
 * in the interval count as 0 (no request waited).
 */
public record PerfValue(String host, String tier, String metric, double valueMs, double warnMs, double critMs) {
    /** {@code TIER_METRIC_ms}, prefixed with {@code HOST/} when the check covers several hosts. */
    public String label(boolean withHost) {
        String label = tier + "_" + metric + "_ms";
        return withHost ? host + "/" + label : label;
    }

    /** {@code 'label'=valuems;warn;crit} (plugin guidelines: quoted label, unit ms, warn and crit). */
    public String render(boolean withHost) {
        return "'" + label(withHost).replace("'", "''") + "'=" + number(valueMs) + "ms;" + number(warnMs) + ";"
                + number(critMs);
    }

    /** Two decimals at most, no trailing zeros: 0.4, 12, 0.05. */
    static String number(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
