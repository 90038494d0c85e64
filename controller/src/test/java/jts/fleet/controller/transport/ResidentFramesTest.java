package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ResidentFramesTest {
    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    private static byte[] marker(long seq, int status) {
        return ("\n@@jts-resident " + NONCE + " " + seq + " " + status + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Three requests' output as the reader writes it: with and without a final newline, and empty. */
    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("first line\nsecond line\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(marker(1, 0));
        out.writeBytes("no newline at the end, and a fake: @@jts-resident 0000 1 0".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(marker(2, 3));
        out.writeBytes(marker(3, 0));
        return out.toByteArray();
    }

    private static List<ResidentFrames.Frame> feedInChunks(byte[] data, int[] cuts) throws Exception {
        ResidentFrames framer = new ResidentFrames(NONCE);
        List<ResidentFrames.Frame> frames = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            byte[] chunk = java.util.Arrays.copyOfRange(data, start, cut);
            frames.addAll(framer.feed(chunk, chunk.length));
            start = cut;
        }
        byte[] rest = java.util.Arrays.copyOfRange(data, start, data.length);
        frames.addAll(framer.feed(rest, rest.length));
        assertThat(framer.pendingBytes()).isZero();
        return frames;
    }

    private static void assertTheThreeFrames(List<ResidentFrames.Frame> frames) {
        assertThat(frames).extracting(ResidentFrames.Frame::seq).containsExactly(1L, 2L, 3L);
        assertThat(frames).extracting(ResidentFrames.Frame::status).containsExactly(0, 3, 0);
        assertThat(new String(frames.get(0).output(), StandardCharsets.UTF_8)).isEqualTo("first line\nsecond line\n");
        assertThat(new String(frames.get(1).output(), StandardCharsets.UTF_8))
                .isEqualTo("no newline at the end, and a fake: @@jts-resident 0000 1 0");
        assertThat(frames.get(2).output()).isEmpty();
    }

    @Test
    void wholeStreamAtOnce() throws Exception {
        assertTheThreeFrames(feedInChunks(stream(), new int[0]));
    }

    @Test
    void everySplitPointGivesTheSameFrames() throws Exception {
        byte[] data = stream();
        for (int cut = 1; cut < data.length; cut++) {
            assertTheThreeFrames(feedInChunks(data, new int[] {cut}));
        }
    }

    @Test
    void byteByByteAndRandomChunks() throws Exception {
        byte[] data = stream();
        int[] every = new int[data.length - 1];
        for (int i = 0; i < every.length; i++) {
            every[i] = i + 1;
        }
        assertTheThreeFrames(feedInChunks(data, every));
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<Integer> cuts = new ArrayList<>();
            int at = 0;
            while (true) {
                at += 1 + random.nextInt(20);
                if (at >= data.length) {
                    break;
                }
                cuts.add(at);
            }
            assertTheThreeFrames(feedInChunks(data, cuts.stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    @Test
    void unfinishedOutputStaysPending() throws Exception {
        ResidentFrames framer = new ResidentFrames(NONCE);
        byte[] partial = "half a request\n@@jts-resident ".getBytes(StandardCharsets.US_ASCII);
        assertThat(framer.feed(partial, partial.length)).isEmpty();
        assertThat(framer.pendingBytes()).isEqualTo(partial.length);
    }

    @Test
    void aMarkerThatDoesNotParseIsAProtocolError() {
        ResidentFrames framer = new ResidentFrames(NONCE);
        byte[] bad = ("out\n@@jts-resident " + NONCE + " one two\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> framer.feed(bad, bad.length)).isInstanceOf(ResidentFrames.ProtocolException.class)
                .hasMessageContaining("one two");
        ResidentFrames endless = new ResidentFrames(NONCE);
        byte[] noEnd = ("\n@@jts-resident " + NONCE + " " + "9".repeat(60)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> endless.feed(noEnd, noEnd.length))
                .isInstanceOf(ResidentFrames.ProtocolException.class).hasMessageContaining("end of line");
        ResidentFrames outOfRange = new ResidentFrames(NONCE);
        byte[] status = ("\n@@jts-resident " + NONCE + " 1 256\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> outOfRange.feed(status, status.length))
                .isInstanceOf(ResidentFrames.ProtocolException.class);
    }
}
