package jts.fleet.remote.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fake host for the metrics script: a sysroot with /sys/block queue files and /proc/mounts, a bin dir with
 * fake nvme/smartctl that print a recorded JSON and log their arguments, a textfile dir and a state dir.
 */
final class HostTree {
    final Path root;
    final Path sysroot;
    final Path bin;
    final Path textfileDir;
    final Path stateDir;
    final Path calls;

    HostTree(Path root) throws IOException {
        this.root = root;
        this.sysroot = Files.createDirectories(root.resolve("sysroot"));
        this.bin = Files.createDirectories(root.resolve("bin"));
        this.textfileDir = root.resolve("textfile");
        this.stateDir = root.resolve("state");
        this.calls = root.resolve("calls.log");
        Files.createDirectories(sysroot.resolve("proc"));
        Files.writeString(sysroot.resolve("proc/mounts"), "");
    }

    HostTree queue(String device, String attribute, String content) throws IOException {
        Path dir = Files.createDirectories(sysroot.resolve("sys/block/" + device + "/queue"));
        Files.writeString(dir.resolve(attribute), content + "\n");
        return this;
    }

    HostTree mounted(String device, String mountpoint, String fstype) throws IOException {
        Files.writeString(sysroot.resolve("proc/mounts"),
                "/dev/" + device + " " + mountpoint.replace(" ", "\\040") + " " + fstype + " rw,relatime 0 0\n",
                java.nio.file.StandardOpenOption.APPEND);
        return this;
    }

    /** A fake {@code tool} printing the fixture and exiting with {@code exit}. */
    HostTree fakeTool(String tool, String fixture, int exit) throws IOException {
        Path json = root.resolve(tool + ".json");
        try (var in = getClass().getResourceAsStream("/monitor/smart/" + fixture)) {
            Files.write(json, in.readAllBytes());
        }
        Path script = bin.resolve(tool);
        Files.writeString(script, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\ncat '" + json + "'\nexit "
                + exit + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    Path writeConfig(MetricsConfig config) throws IOException {
        Path conf = root.resolve("metrics.conf");
        Files.writeString(conf, config.render());
        return conf;
    }

    record Result(int exit, String stderr, String prom) {
    }

    /** Runs the shipped script with the fake tools first on PATH. */
    Result run(Path conf) throws IOException, InterruptedException {
        Path script = root.resolve("jts-metrics.sh");
        Files.writeString(script, MetricsConfig.script());
        List<String> cmd = new ArrayList<>(List.of("sh", script.toString(), conf.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jts-metrics.sh did not finish in 30 s");
        }
        Path prom = textfileDir.resolve("jts_storage.prom");
        return new Result(p.exitValue(), err, Files.exists(prom) ? Files.readString(prom) : "");
    }
}
