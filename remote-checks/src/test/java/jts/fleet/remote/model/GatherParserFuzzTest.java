package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncated, garbled and junk-interleaved gather output must end in a {@link GatherException} (or a parse),
 * never in another exception, and never hang. Seeds are fixed so failures reproduce.
 */
class GatherParserFuzzTest {
    static List<String> fixtures() throws Exception {
        return Fixtures.names();
    }

    /** Every proper prefix, cut at every line end and in the middle of every line, is rejected. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void everyTruncationIsAGatherException(String name) throws Exception {
        String full = Fixtures.recorded(name);
        GatherParser.parse(name, full);
        String body = full.endsWith("\n") ? full.substring(0, full.length() - 1) : full;
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                cuts.add(i);      // before the newline
                cuts.add(i + 1);  // after it
                cuts.add(Math.max(0, i - 3)); // inside the line
            }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int cut : cuts) {
                String prefix = body.substring(0, cut);
                assertThatThrownBy(() -> GatherParser.parse(name, prefix))
                        .as("output cut at char %d", cut).isInstanceOf(GatherException.class);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void garbageAndInterleavedJunkNeverEscapeAsOtherExceptions(String name) throws Exception {
        String full = Fixtures.recorded(name);
        String[] lines = full.split("\n");
        Random random = new Random(name.hashCode());
        String[] junk = {"", " ", "@@", "@@end", "@@section", "@@section block", "@@section block sda",
            "@@section part x", "@@section host", "@@done", "@@jts-gather 1", "\\", "=", "==", "size=",
            "parent=", "slaves=a b c", "dev=1:2:3", "\u0000\u0001", "\uFFFD\uFFFD", "1 2 3:4 / / rw - x",
            "1 2 0:0 / / - -", "1 1 1:1 \\ \\ - - - -", "12 0 253:0 / /x rw - ext4 /dev/mapper/nope rw",
            "hidden=1", "queue/scheduler=[[[", "queue/scheduler=[]", "time=99999999999999999999",
            "uid=-1", "size=99999999999999999999", "E:ID_SERIAL", "\t\t"};
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 400; round++) {
                List<String> mutated = new ArrayList<>(Arrays.asList(lines));
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(mutated.size() + 1);
                    switch (random.nextInt(4)) {
                        case 0 -> mutated.add(at, junk[random.nextInt(junk.length)]);
                        case 1 -> mutated.add(at, randomText(random));
                        case 2 -> {
                            if (at < mutated.size()) {
                                mutated.remove(at);
                            }
                        }
                        default -> {
                            if (at < mutated.size()) {
                                mutated.set(at, flip(mutated.get(at), random));
                            }
                        }
                    }
                }
                String text = String.join("\n", mutated) + "\n";
                try {
                    HostSnapshot s = GatherParser.parse(name, text);
                    assertThat(s.host()).isEqualTo(name);
                } catch (GatherException expected) {
                    assertThat(expected.getMessage()).startsWith(name + ": gather output");
                }
            }
            for (int round = 0; round < 200; round++) {
                String garbage = randomText(random) + "\n" + randomText(random);
                assertThatThrownBy(() -> GatherParser.parse(name, garbage)).isInstanceOf(GatherException.class);
            }
        });
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(120);
        for (int i = 0; i < length; i++) {
            b.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return b.toString();
    }

    private static String flip(String line, Random random) {
        if (line.isEmpty()) {
            return "@";
        }
        char[] chars = line.toCharArray();
        int i = random.nextInt(chars.length);
        String replacements = "=@\\ :[]-0123456789/\u0000";
        chars[i] = replacements.charAt(random.nextInt(replacements.length()));
        return new String(chars);
    }
}
