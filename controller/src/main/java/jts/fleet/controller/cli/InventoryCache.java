package jts.fleet.controller.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;

/**
 * The inventory the last command of a context loaded, reused while nothing it was made from changed: the same
 * choice of files (inventory, {@code --ssh-config}, {@code --policy}) and the same {@link FileStamps} of the
 * inventory file and of every other file it depends on ({@link Inventory#inputs()}: ssh_config files and their
 * Include directories, Ansible vars files). The shell runs every command over one context, and parsing and
 * validating again for each line was a visible share of a fleet-wide {@code status} there; an edited file is read
 * again at the next command, as before. The embedded default inventory is read once.
 */
final class InventoryCache {
    private record Entry(Object key, List<Path> files, List<Object> stamps, Inventory inventory) {
    }

    private final AtomicReference<Entry> last = new AtomicReference<>();

    /**
     * The inventory {@code loader} loads for {@code explicit} ({@code --inventory}), where {@code file} is what
     * {@link InventoryLoader#locate} found for it: the caller has looked the standard places up once.
     */
    Inventory load(InventoryLoader loader, Optional<Path> explicit, Optional<Path> file) throws InventoryException {
        Object key = List.of(explicit, file, loader.choices());
        try {
            Entry cached = last.get();
            if (cached != null && cached.key().equals(key) && FileStamps.of(cached.files()).equals(cached.stamps())) {
                return cached.inventory();
            }
            // the inventory file is stamped before it is read: an edit in between is seen by the next command;
            // the other inputs are known only after the load
            List<Path> files = new ArrayList<>();
            if (file.isPresent()) {
                files.add(file.get());
            }
            List<Object> stamps = new ArrayList<>(FileStamps.of(files));
            Inventory inventory = loader.load(explicit, file);
            files.addAll(inventory.inputs());
            stamps.addAll(FileStamps.of(inventory.inputs()));
            last.set(new Entry(key, files, stamps, inventory));
            return inventory;
        } catch (IOException e) {
            return loader.load(explicit, file); // says what is wrong with the file; no stamp, no reuse
        }
    }
}
