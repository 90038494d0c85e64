package jts.fleet.inventory.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The bounds every inventory-like file is read within (inventory, policy, Ansible inventory and vars files):
 * at most {@link #MAX_BYTES} (8 MiB) and lines of at most {@link #MAX_LINE_CHARS} characters. Far above any
 * real inventory (a fleet of 10,000 hosts is about 1 MiB), they keep a wrong or hostile file from costing
 * minutes: the YAML library rescans the whole of a long line for every kilobyte it reads of it, so its time grows
 * with the square of the longest line (a 60 MB file with one long string took more than ten minutes); with
 * lines bounded, loading time grows linearly with the file.
 */
public final class InventoryText {
    public static final long MAX_BYTES = 8L << 20;
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private InventoryText() {
    }

    /**
     * Reads {@code file} as UTF-8 text within the bounds; messages name it as {@code shown}.
     *
     * @param what what the file is, for messages ("inventory file")
     */
    public static String read(Path file, String shown, String what) throws InventoryException {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new InventoryException(shown + ": " + what + " of " + Files.size(file) / 1024 + " KiB is larger"
                        + " than the " + MAX_BYTES / (1024 * 1024) + " MiB an inventory may have: is it the right file?");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_BYTES) {
                throw new InventoryException(shown + ": " + what + " is larger than the " + MAX_BYTES / (1024 * 1024)
                        + " MiB an inventory may have: is it the right file?");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            check(text, shown);
            return text;
        } catch (NoSuchFileException e) {
            throw new InventoryException(shown + ": " + what + " not found", e);
        } catch (CharacterCodingException e) {
            throw new InventoryException(shown + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InventoryException(shown + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Refuses {@code text} past the bounds, naming {@code source} and the line. */
    public static void check(String text, String source) throws InventoryException {
        if (text.length() > MAX_BYTES) {
            throw new InventoryException(source + ": larger than the " + MAX_BYTES / (1024 * 1024)
                    + " MiB an inventory may have: is it the right file?");
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new InventoryException(source + ":" + line + ": a line of " + (i - start) + " characters;"
                            + " no inventory value is longer than " + MAX_LINE_CHARS + ": is it the right file?");
                }
                line++;
                start = i + 1;
            }
        }
    }
}
