package jts.fleet.controller.cli;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.fleet.Recap;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.remote.model.HostText;

/** Shared pieces of every fleet command's output: per-host status lines as hosts finish, JSON, the recap. */
public final class FleetReport {
    private FleetReport() {
    }

    /** The JSON fields every per-host entry starts with: host, status, error (null when none), failure. */
    public static ObjectNode hostEntry(HostResult<?> result) {
        ObjectNode node = Json.object();
        node.put("host", result.host());
        node.put("status", result.status());
        if (result instanceof HostResult.Failed<?> f) {
            node.put("error", f.message());
            node.put("failure", f.failure().key());
        } else if (result instanceof HostResult.Unreachable<?> u) {
            node.put("error", u.message());
            node.put("failure", "unreachable");
        } else if (result instanceof HostResult.Skipped<?> s) {
            node.putNull("error");
            node.put("reason", s.reason());
        } else {
            node.putNull("error");
        }
        return node;
    }

    /**
     * One line when a host finishes, on stderr so that stdout stays the report: a host's result is never held
     * back by a slower one (the report itself comes when every host is done or the run deadline passed).
     */
    public static void progress(AppContext context, HostResult<?> result) {
        String detail = "";
        if (result instanceof HostResult.Failed<?> f) {
            detail = " (" + f.failure().key() + "): " + f.message();
        } else if (result instanceof HostResult.Unreachable<?> u) {
            detail = ": " + u.message();
        } else if (result instanceof HostResult.Skipped<?> s) {
            detail = ": " + s.reason();
        }
        context.err().println(Colors.status(context, result.status()) + "  " + result.host() + HostText.escape(detail));
        context.err().flush();
    }

    /**
     * The listener of a fleet run: {@link #progress} as each host finishes, except with {@code -o json} (a script
     * reads stdout and wants nothing but the document).
     */
    public static java.util.function.Consumer<HostResult<?>> progress(AppContext context, OutputOptions output) {
        return output.json() ? r -> { } : r -> progress(context, r);
    }

    public static void printRecap(PrintWriter out, List<? extends HostResult<?>> results) {
        Recap recap = Recap.of(results);
        out.println();
        out.println("RECAP");
        for (String line : recap.lines()) {
            out.println("  " + line);
        }
    }

    public static ObjectNode recapJson(List<? extends HostResult<?>> results) {
        Recap recap = Recap.of(results);
        ObjectNode node = Json.object();
        Recap.HostTally totals = recap.totals();
        node.put("ok", totals.ok());
        node.put("changed", totals.changed());
        node.put("failed", totals.failed());
        node.put("unreachable", totals.unreachable());
        node.put("skipped", totals.skipped());
        return node;
    }

    /** A failed host's {@code class: message}, an unreachable host's message, else empty: the error cell of a table. */
    public static String error(HostResult<?> result) {
        if (result instanceof HostResult.Failed<?> f) {
            return f.failure().key() + ": " + f.message();
        }
        if (result instanceof HostResult.Unreachable<?> u) {
            return u.message();
        }
        return "";
    }

    /** Errors of failed and unreachable hosts, always on stderr so they are never hidden by -o json. */
    public static void printErrors(PrintWriter err, List<? extends HostResult<?>> results) {
        for (HostResult<?> r : results) {
            if (r instanceof HostResult.Failed<?> f) {
                err.println("jts-fleet: " + f.host() + ": " + f.failure().key() + ": " + HostText.escape(f.message()));
            } else if (r instanceof HostResult.Unreachable<?> u) {
                err.println("jts-fleet: " + u.host() + ": unreachable: " + HostText.escape(u.message()));
            }
        }
    }

    /**
     * 10 when a host failed, else 11 when one was unreachable, else 4 when a host refused (its lock held by
     * another run), else 0.
     */
    public static int exitCode(List<? extends HostResult<?>> results) {
        int failed = 0;
        int unreachable = 0;
        int refused = 0;
        for (HostResult<?> r : results) {
            if (r instanceof HostResult.Failed<?> f && f.failure() == FailureClass.REFUSED) {
                refused++;
            } else if (r instanceof HostResult.Failed<?>) {
                failed++;
            } else if (r instanceof HostResult.Unreachable<?>) {
                unreachable++;
            }
        }
        int code = ExitCodes.forHostCounts(failed, unreachable);
        return code == ExitCodes.OK && refused > 0 ? ExitCodes.REFUSED : code;
    }

    /**
     * The usual output of a fleet command: with {@code -o json} one document {@code {"hosts": [...], "recap":
     * {...}}} where each host entry is {@link #hostEntry} plus {@code json(value)} and {@code extra} adds
     * top-level fields; otherwise {@code text(value)} per served host and the recap. The JSON is built only when
     * it is asked for. Errors of failed hosts always go to stderr.
     */
    public static <T> void print(AppContext context, OutputOptions output, List<HostResult<T>> results,
            java.util.function.Function<T, Object> json, java.util.function.Function<T, String> text,
            java.util.function.Consumer<ObjectNode> extra) {
        if (output.json()) {
            context.out().println(Json.pretty(document(results, json, extra)));
        } else {
            for (HostResult<T> r : results) {
                if (r instanceof HostResult.Ok<T> ok) {
                    // the view's lines are ours; anything else a host put in it is written out
                    String body = HostText.escapeKeepingLines(text.apply(ok.value()));
                    context.out().print(body.endsWith("\n") ? body : body + "\n");
                }
            }
            printRecap(context.out(), results);
        }
        printErrors(context.err(), results);
    }

    /** The {@code -o json} document of {@link #print}. */
    static <T> ObjectNode document(List<HostResult<T>> results, java.util.function.Function<T, Object> json,
            java.util.function.Consumer<ObjectNode> extra) {
        ObjectNode doc = Json.object();
        ArrayNode hosts = doc.putArray("hosts");
        for (HostResult<T> r : results) {
            ObjectNode node = hostEntry(r);
            if (r instanceof HostResult.Ok<T> ok) {
                com.fasterxml.jackson.databind.JsonNode body = Json.MAPPER.valueToTree(json.apply(ok.value()));
                if (body instanceof ObjectNode object) {
                    object.remove("host");
                    node.setAll(object);
                }
            }
            hosts.add(node);
        }
        doc.set("recap", recapJson(results));
        extra.accept(doc);
        return doc;
    }

    public static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }
}
