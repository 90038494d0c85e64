package jts.fleet.controller.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jts.fleet.controller.OwnFiles;
import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.BenchTarget;

/**
 * Controller-side benchmark results: {@code <root>/<runId>/<host>.json}, one document per host (and target)
 * per run, written atomically. Default root: {@code $XDG_DATA_HOME/jts-fleet/bench}, else
 * {@code ~/.local/share/jts-fleet/bench}.
 */
public final class BenchStore {
    private final Path root;
    private final ObjectMapper mapper = jts.fleet.remote.json.JsonMappers.mapper();

    public BenchStore(Path root) {
        this.root = root;
    }

    public static Path defaultRoot(jts.fleet.inventory.UserDirs dirs) {
        return dirs.dataDir().resolve("bench");
    }

    public Path root() {
        return root;
    }

    /** One line of {@code bench list}. */
    public record RunInfo(String runId, String time, String label, List<String> hosts, List<String> profiles) {
    }

    public Path save(BenchDocument doc, String fileStem) throws IOException {
        Path dir = root.resolve(BenchTarget.checkRunId(doc.runId()));
        if (!fileStem.matches("[A-Za-z0-9._@~-]+")) {
            throw new IllegalArgumentException("store: file name " + fileStem + " has unsafe characters");
        }
        Path file = dir.resolve(fileStem + ".json");
        // 0644 in 0755 directories whatever the umask, written whole or not at all
        OwnFiles.write(file, mapper.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc),
                OwnFiles.Access.SHARED);
        return file;
    }

    /** Resolves a run id or a unique prefix of one. */
    public String resolve(String idOrPrefix) throws IOException {
        List<String> matches = runIds().stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.contains(idOrPrefix)) {
            return idOrPrefix;
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new UnknownRunException(matches.isEmpty()
                ? "no bench run " + idOrPrefix + " in " + root + " ('jts-fleet bench list' shows the stored runs)"
                : "run id " + idOrPrefix + " is ambiguous in " + root + ": " + String.join(", ", matches));
    }

    /** A run id or prefix that names no stored run, or several: the user's mistake (exit 2), not an I/O error. */
    public static final class UnknownRunException extends IOException {
        private static final long serialVersionUID = 1L;

        UnknownRunException(String message) {
            super(message);
        }
    }

    public List<BenchDocument> load(String idOrPrefix) throws IOException {
        String id = resolve(idOrPrefix);
        List<BenchDocument> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(id))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                try {
                    docs.add(mapper.readValue(f.toFile(), BenchDocument.class));
                } catch (IOException e) {
                    throw new IOException(f + ": " + e.getMessage(), e);
                }
            }
        }
        return docs;
    }

    public List<String> runIds() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> BenchTarget.RUN_ID.matcher(n).matches()).sorted().toList();
        }
    }

    public List<RunInfo> list() throws IOException {
        List<RunInfo> runs = new ArrayList<>();
        for (String id : runIds()) {
            List<BenchDocument> docs = load(id);
            TreeSet<String> profiles = new TreeSet<>();
            docs.forEach(d -> d.profiles().forEach(p -> profiles.add(p.summary().profile())));
            Optional<BenchDocument> first = docs.stream().findFirst();
            runs.add(new RunInfo(id, first.map(BenchDocument::time).orElse(""), first.map(BenchDocument::label).orElse(""),
                    docs.stream().map(BenchDocument::host).distinct().toList(), List.copyOf(profiles)));
        }
        return runs;
    }

    /** The mapper used for stored documents (also right for {@code -o json} output). */
    public ObjectMapper mapper() {
        return mapper;
    }
}
