package jts.fleet.controller.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What changes when a file is edited, replaced or created: identity (device and inode), size, modification time
 * and status-change time ({@code cp -p} or {@code rsync -t} can set an old modification time, nothing can set an old
 * change time). A directory's stamp moves when an entry is added or removed (Include globs, group_vars/).
 */
public final class FileStamps {
    private FileStamps() {
    }

    /** One stamp per path, in order; an absent path has the stamp {@code "absent"}. */
    public static List<Object> of(Collection<Path> paths) throws IOException {
        List<Object> stamps = new ArrayList<>();
        for (Path p : paths) {
            stamps.add(of(p));
        }
        return stamps;
    }

    static Object of(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            Object changed = Files.getAttribute(path, "unix:ctime");
            return Arrays.asList(path, a.fileKey(), a.size(), a.lastModifiedTime(), changed);
        } catch (NoSuchFileException e) {
            return Arrays.asList(path, "absent");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new IOException(path + ": no file identity on this file system", e);
        }
    }
}
