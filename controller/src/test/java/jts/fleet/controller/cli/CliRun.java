package jts.fleet.controller.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import jts.fleet.controller.Main;

/** Runs the CLI in-process and keeps exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
