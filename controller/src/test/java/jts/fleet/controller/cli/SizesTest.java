package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0 B", "1023 | 1023 B", "1024 | 1.0 KiB", "1536 | 1.5 KiB", "274877906944 | 256.0 GiB",
        "1048575 | 1024.0 KiB", "9223372036854775807 | 8192.0 PiB"})
    void sizesReadAsLsblkPrintsThem(long bytes, String expected) {
        assertThat(Sizes.human(bytes)).isEqualTo(expected);
    }

    @Test
    void oneDecimalIsWhatFormatPrints() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 200_000; i++) {
            // sizes of every magnitude, and values on and next to the .x5 rounding boundaries
            double value = i % 2 == 0 ? random.nextLong(1, Long.MAX_VALUE) / Math.pow(1024, random.nextInt(1, 6))
                    : (random.nextInt(0, 1024 * 100) + 0.5 + (random.nextInt(3) - 1) * Math.ulp(1024.0)) / 10;
            assertThat(Sizes.oneDecimal(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
        for (long bytes = 1024; bytes < 1024 * 1024 * 8; bytes += 7) {
            double value = bytes / 1024.0;
            assertThat(Sizes.oneDecimal(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
    }
}
