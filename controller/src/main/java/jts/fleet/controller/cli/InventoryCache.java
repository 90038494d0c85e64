package jts.fleet.controller.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.InventoryException;
import jts.fleet.inventory.InventoryLoader;

/**
 * The inventory the last command of a context loaded, reused while its file is unchanged (same path, file
 * identity (device and inode), size, modification time and status-change time: {@code cp -p} or {@code rsync -t}
 * can set an old modification time, nothing can set an old change time). The shell runs every command over one context, and parsing and validating the YAML
 * again for each line was a visible share of a fleet-wide {@code status} there; an edited file is read again
 * at the next command, as before. The embedded default inventory is read once.
 */
final class InventoryCache {
    private record Entry(Optional<Path> explicit, Optional<Path> file, Object stamp, Inventory inventory) {
    }

    private final AtomicReference<Entry> last = new AtomicReference<>();

    Inventory load(InventoryLoader loader, Optional<Path> explicit) throws InventoryException {
        Optional<Path> file = loader.locate(explicit);
        Object stamp = List.of();
        if (file.isPresent()) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class);
                Object changed = Files.getAttribute(file.get(), "unix:ctime");
                stamp = java.util.Arrays.asList(attributes.fileKey(), attributes.size(),
                        attributes.lastModifiedTime(), changed);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return loader.load(explicit); // says what is wrong with the file; no stamp, no reuse
            }
        }
        Entry cached = last.get();
        if (cached != null && cached.explicit().equals(explicit) && cached.file().equals(file)
                && cached.stamp().equals(stamp)) {
            return cached.inventory();
        }
        // the stamp was read before the file: an edit in between is seen by the next command
        Inventory inventory = loader.load(explicit);
        last.set(new Entry(explicit, file, stamp, inventory));
        return inventory;
    }
}
