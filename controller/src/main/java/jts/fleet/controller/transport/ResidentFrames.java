package jts.fleet.controller.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts one output stream of the resident reader ({@code resident.sh}) into the outputs of its requests. After
 * each request the reader writes {@code "\n@@jts-resident NONCE SEQ STATUS\n"}; everything before that line
 * (and after the previous one) is the request's output, byte for byte: the marker's own leading newline is
 * removed, so output that does not end in a newline keeps it that way. Bytes arrive in chunks of any size, a
 * marker may be split across chunks, and nothing is scanned twice.
 */
final class ResidentFrames {
    /** The output of one request and the exit status the reader reported for it. */
    record Frame(long seq, int status, byte[] output) {
    }

    /** The stream broke the protocol: a marker line that does not parse. */
    static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    /** Longest marker tail (seq and status, two numbers and a space) accepted before the newline. */
    private static final int MAX_TAIL = 40;

    private final byte[] marker;
    /** Bytes received and not yet part of a returned frame: data[0, length). */
    private byte[] data = new byte[64 * 1024];
    private int length;
    /** Bytes of data already known to hold no complete marker start. */
    private int scanned;

    ResidentFrames(String nonce) {
        Objects.requireNonNull(nonce, "nonce");
        this.marker = ("\n@@jts-resident " + nonce + " ").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Appends {@code count} bytes and returns the frames they completed, oldest first. The buffer is searched in
     * place and each frame copied out once, so a large output costs time in proportion to its size.
     */
    List<Frame> feed(byte[] chunk, int count) throws ProtocolException {
        if (length + count > data.length) {
            data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + count));
        }
        System.arraycopy(chunk, 0, data, length, count);
        length += count;
        List<Frame> frames = new ArrayList<>();
        int start = 0;
        while (true) {
            int at = indexOf(data, length, marker, Math.max(start, scanned));
            if (at < 0) {
                // a marker may begin in the last marker.length - 1 bytes: scan those again next time
                scanned = Math.max(start, length - marker.length + 1);
                break;
            }
            int tailStart = at + marker.length;
            int newline = -1;
            for (int i = tailStart; i < length && i <= tailStart + MAX_TAIL; i++) {
                if (data[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline < 0) {
                if (length - tailStart > MAX_TAIL) {
                    throw new ProtocolException("marker without an end of line");
                }
                scanned = at; // complete marker seen; its tail has not all arrived
                break;
            }
            String tail = new String(data, tailStart, newline - tailStart, StandardCharsets.US_ASCII);
            frames.add(parse(tail, java.util.Arrays.copyOfRange(data, start, at)));
            start = newline + 1;
            scanned = start;
        }
        if (start > 0) {
            System.arraycopy(data, start, data, 0, length - start);
            length -= start;
            scanned -= start;
        }
        return frames;
    }

    /** Bytes received since the last complete frame (what a request printed before it was cut off). */
    int pendingBytes() {
        return length;
    }

    private static Frame parse(String tail, byte[] output) throws ProtocolException {
        int space = tail.indexOf(' ');
        if (space <= 0 || space == tail.length() - 1) {
            throw new ProtocolException("malformed marker tail '" + tail + "'");
        }
        try {
            long seq = Long.parseLong(tail.substring(0, space));
            int status = Integer.parseInt(tail.substring(space + 1));
            if (seq < 0 || status < 0 || status > 255) {
                throw new ProtocolException("marker out of range '" + tail + "'");
            }
            return new Frame(seq, status, output);
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed marker tail '" + tail + "'");
        }
    }

    private static int indexOf(byte[] data, int length, byte[] needle, int from) {
        int last = length - needle.length;
        outer:
        for (int i = Math.max(0, from); i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
