package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchedulerAndMountInfoTest {
    @Test
    void schedulerLists() {
        Scheduler s = Scheduler.parse("none [mq-deadline] kyber bfq ").orElseThrow();
        assertThat(s.current()).isEqualTo("mq-deadline");
        assertThat(s.available()).containsExactly("none", "mq-deadline", "kyber", "bfq");
        assertThat(s.offers("noop")).isFalse();
        assertThat(Scheduler.parse("none").orElseThrow().current()).isEqualTo("none");
        assertThat(Scheduler.parse("noop [deadline] cfq").orElseThrow().current()).isEqualTo("deadline");
        assertThat(Scheduler.parse("")).isEmpty();
        assertThat(Scheduler.parse("none kyber")).isEmpty(); // nothing selected
        assertThat(Scheduler.parse("[none] [kyber]")).isEmpty();
        assertThat(Scheduler.parse("[$(reboot)]")).isEmpty();
    }

    @Test
    void mountinfoLine() {
        MountInfo m = MountInfo.parse("36 35 98:0 /mnt1 /mnt2\\040x rw,noatime master:1 shared:7 - ext3 /dev/root "
                + "rw,errors=continue").orElseThrow();
        assertThat(m.mountId()).isEqualTo(36);
        assertThat(m.parentId()).isEqualTo(35);
        assertThat(m.majorMinor()).isEqualTo("98:0");
        assertThat(m.root()).isEqualTo("/mnt1");
        assertThat(m.path()).isEqualTo("/mnt2 x");
        assertThat(m.mountOptions()).containsExactly("rw", "noatime");
        assertThat(m.optionalFields()).containsExactly("master:1", "shared:7");
        assertThat(m.fstype()).isEqualTo("ext3");
        assertThat(m.source()).isEqualTo("/dev/root");
        assertThat(m.superOptions()).containsExactly("rw", "errors=continue");
        assertThat(MountInfo.unescape("a\\011b\\012c\\134d\\9")).isEqualTo("a\tb\nc\\d\\9");
        // the kernel escapes only space, tab, newline and backslash: other octal-looking text is the path itself
        assertThat(MountInfo.unescape("/m\\033]0;x\\007\\101")).isEqualTo("/m\\033]0;x\\007\\101");
        assertThat(MountInfo.parse("1 2 3:4 / /x rw")).isEmpty();
        assertThat(MountInfo.parse("x 2 3:4 / /x rw - a b c")).isEmpty();
        assertThat(List.of(MountInfo.parse("1 2 3:4 / /x rw - tmpfs tmpfs").orElseThrow().superOptions()))
                .containsExactly(List.of());
    }

    @Test
    void safePaths() {
        assertThat(Mount.isSafePath("/var/lib/postgresql")).isTrue();
        assertThat(Mount.isSafePath("/mnt/share docs")).isTrue(); // quoted by the caller, never pasted
        assertThat(Mount.isSafePath("/")).isTrue();
        assertThat(Mount.isSafePath("relative")).isFalse();
        assertThat(Mount.isSafePath("/a/../etc")).isFalse();
        assertThat(Mount.isSafePath("/a/./b")).isFalse();
        assertThat(Mount.isSafePath("/a\nb")).isFalse();
        assertThat(Mount.isSafePath("")).isFalse();
        assertThat(Mount.isSafePath(null)).isFalse();
    }
}
