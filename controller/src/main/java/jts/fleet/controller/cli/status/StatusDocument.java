package jts.fleet.controller.cli.status;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.fleet.HostResult;

/**
 * The JSON view of {@code status} ({@code -o json}, {@code --report}), made host by host as hosts finish (it is the
 * run's listener) instead of after the last one: a cold far-away run spent ~70 ms after its last host answered in
 * Jackson's start-up and in building and pretty-printing ~110 KB, while its main thread had been idle for the
 * whole round trip before. One daemon thread ({@link #start}) makes Jackson's writer when the run starts, then builds
 * and prints each host's entry (indented for its place in the document) when the host arrives, in arrival order; the
 * end only joins them. One thread, not the worker that ran each host: Jackson keeps its buffers per thread, and with
 * each of 100 workers rendering its own host a 100-host run took 60-120 ms more CPU than main. The text is byte for
 * byte {@link Json#pretty} of the whole document ({@code StatusDocumentTest}).
 */
final class StatusDocument implements Consumer<HostResult<HostStatus>> {
    /** One level of the pretty printer's indentation: an entry of {@code hosts}, like {@code recap}, sits one level in. */
    private static final String ONE_LEVEL = "  ";

    private final boolean printed;
    private final boolean reported;
    /** Per host, as the renderer made it. */
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();
    /** The one thread that makes the entries, after it prepared Jackson; ended by the first {@link #entries}/{@link #text}. */
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "jts-json-render");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * One host's entry, for the result it was made from (a run reports each host once; made again otherwise): its
     * tree only when {@code --report} reads it, its text only when the document is printed.
     */
    private record Rendered(HostResult<HostStatus> result, ObjectNode node, String text) {
    }

    private StatusDocument(boolean printed, boolean reported) {
        this.printed = printed;
        this.reported = reported;
    }

    /**
     * A document for a run that starts now; {@code printed}: whether its text is wanted ({@code -o json});
     * {@code reported}: whether its entries are ({@code --report}).
     */
    static StatusDocument start(boolean printed, boolean reported) {
        StatusDocument document = new StatusDocument(printed, reported);
        document.renderer.execute(StatusDocument::warmUp);
        return document;
    }

    /**
     * Jackson's mapper, its tree nodes and its pretty printer made and used once, on a small tree of every kind of
     * value an entry holds: the first host's entry then finds them ready.
     */
    private static void warmUp() {
        try {
            ObjectNode sample = Json.object();
            sample.put("text", "x").put("count", 1).put("size", 1L).put("share", 0.5).put("flag", true)
                    .putNull("none");
            sample.putArray("list").add("x").addObject().put("nested", 1);
            Json.pretty(sample);
        } catch (RuntimeException | LinkageError e) {
            // only a head start: the entries meet the same problem on this thread and fail over to the end
        }
    }

    /** Hands {@code result} to the renderer; the worker that ran the host goes on at once. */
    @Override
    public void accept(HostResult<HostStatus> result) {
        try {
            renderer.execute(() -> {
                try {
                    rendered.put(result.host(), render(result));
                } catch (RuntimeException e) {
                    // made again at the end, on the command's thread, where its failure is reported
                }
            });
        } catch (RejectedExecutionException e) {
            // the document was already asked for: the end renders what it misses itself
        }
    }

    /**
     * Waits for the entries handed over so far. One the renderer could not make (it failed, or this thread was
     * interrupted) is made again by the caller, where its failure is seen.
     */
    private void finishRendering() {
        renderer.shutdown();
        try {
            while (!renderer.awaitTermination(1, TimeUnit.SECONDS)) {
                // each entry takes milliseconds: keep waiting
            }
        } catch (InterruptedException e) {
            renderer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private Rendered render(HostResult<HostStatus> result) {
        ObjectNode node = StatusJsonView.host(result);
        return new Rendered(result, reported ? node : null, printed ? entryText(node) : "");
    }

    private Rendered of(HostResult<HostStatus> result) {
        Rendered made = rendered.get(result.host());
        return made != null && made.result() == result ? made : render(result);
    }

    /** The entries of {@code results} (the run's, in inventory order), for a document started {@code reported}. */
    List<ObjectNode> entries(List<HostResult<HostStatus>> results) {
        finishRendering();
        List<ObjectNode> nodes = new ArrayList<>(results.size());
        for (HostResult<HostStatus> r : results) {
            nodes.add(of(r).node());
        }
        return nodes;
    }

    /** The whole document as a tree ({@code --report}'s summary reads it). */
    static ObjectNode tree(List<ObjectNode> entries, ObjectNode recap) {
        ObjectNode doc = Json.object();
        ArrayNode hosts = doc.putArray("hosts");
        for (ObjectNode entry : entries) {
            hosts.add(entry);
        }
        doc.set("recap", recap);
        return doc;
    }

    /** The text of the document of {@code results}: {@link Json#pretty} of {@link #tree}. */
    String text(List<HostResult<HostStatus>> results) {
        finishRendering();
        List<String> entries = new ArrayList<>(results.size());
        for (HostResult<HostStatus> r : results) {
            entries.add(of(r).text());
        }
        return join(entries, FleetReport.recapJson(results));
    }

    /**
     * A value printed as the document's pretty printer prints it one level in: an entry of the {@code hosts} array,
     * and {@code recap}.
     */
    static String entryText(ObjectNode entry) {
        // the pretty printer's only line breaks are its own (a string's are escaped): each moves one level in
        return Json.pretty(entry).replace(System.lineSeparator(), System.lineSeparator() + ONE_LEVEL);
    }

    /** The document around entries already printed ({@link #entryText}), through the same pretty printer. */
    static String join(List<String> entryTexts, ObjectNode recap) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeFieldName("hosts");
            g.writeStartArray();
            for (String entry : entryTexts) {
                g.writeRawValue(entry);
            }
            g.writeEndArray();
            g.writeFieldName("recap");
            g.writeRawValue(entryText(recap));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the status document", e);
        }
        return out.toString();
    }
}
