package jts.fleet.remote.tuning;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a fixed tuning script locally the way a transport does: {@code sh -c SCRIPT jts-fleet ARGS...}. */
final class ScriptRunner {
    private ScriptRunner() {
    }

    static ScriptOutcome run(TuningScripts script, String stdin, String... args) {
        return runWithPath(null, script, stdin, args);
    }

    /** As {@link #run}, with {@code pathPrefix} put first on PATH (fake tools such as udevadm). */
    static ScriptOutcome runWithPath(java.nio.file.Path pathPrefix, TuningScripts script, String stdin, String... args) {
        String[] result = exec(pathPrefix, script.text(), script.resourceName(), stdin, args);
        return ScriptOutcome.parse("test-host", Integer.parseInt(result[0]), result[1], result[2]);
    }

    /** Raw stdout of a successful run (for tune-read.sh, whose output is framed, not records). */
    static String stdout(TuningScripts script, String... args) {
        return stdout(script.text(), script.resourceName(), args);
    }

    /** Raw stdout of any fixed script (the gather script in integration tests). */
    static String stdout(String scriptText, String name, String... args) {
        String[] result = exec(null, scriptText, name, "", args);
        if (!result[0].equals("0")) {
            throw new AssertionError(name + " exited " + result[0] + ": " + result[2]);
        }
        return result[1];
    }

    /** Exit status and stderr of a run, for scripts that refuse their arguments. */
    record Refusal(int exit, String stderr) {
    }

    static Refusal refusal(TuningScripts script, String... args) {
        String[] result = exec(null, script.text(), script.resourceName(), "", args);
        return new Refusal(Integer.parseInt(result[0]), result[2]);
    }

    /** exit status, stdout, stderr */
    private static String[] exec(java.nio.file.Path pathPrefix, String scriptText, String name, String stdin,
                                 String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", scriptText, "jts-fleet"));
        argv.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(argv);
            if (pathPrefix != null) {
                builder.environment().put("PATH", pathPrefix + ":" + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
            }
            Process p = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a script that refuses its arguments exits before it reads stdin (broken pipe, "Stream
                // closed"): its exit status and output say what happened, the test asserts on those
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(name + " did not finish in 30 s");
            }
            return new String[] {Integer.toString(p.exitValue()), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8)};
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("running " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
