package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fio options a profile may set, each with its value rule. */
class FioOptionTest {
    @Test
    void anOptionOffTheListIsRefusedNamingEveryAllowedOne() {
        assertThatThrownBy(() -> FioOption.validate("j", "filename", "/etc/passwd"))
                .hasMessage("fio job j: option \"filename\" is not allowed in a profile (allowed: [bs,"
                        + " buffer_compress_percentage, direct, end_fsync, fdatasync, file_append, fsync, fsync_on_close,"
                        + " iodepth, iodepth_batch_complete_min, iodepth_batch_submit, ioengine, norandommap, nrfiles,"
                        + " numjobs, randrepeat, rate, rate_iops, refill_buffers, rw, rwmixread])");
    }

    @Test
    void eachOptionHasItsRule() {
        assertThatCode(() -> {
            FioOption.validate("j", "bs", "4k");
            FioOption.validate("j", "rate", "10m");
            FioOption.validate("j", "iodepth", "32");
            FioOption.validate("j", "rwmixread", "70");
            FioOption.validate("j", "refill_buffers", "1");
            FioOption.validate("j", "direct", "0");
            FioOption.validate("j", "numjobs", "64");
            FioOption.validate("j", "ioengine", "io_uring");
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> FioOption.validate("j", "direct", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FioOption.validate("j", "numjobs", "65")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FioOption.validate("j", "rwmixread", "101")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FioOption.validate("j", "refill_buffers", "yes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FioOption.validate("j", "bs", "4k;reboot")).isInstanceOf(IllegalArgumentException.class);
    }
}
