package jts.fleet.controller.docs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;

/**
 * Build-time generator run by packaging/build-dist.sh against the built jar:
 * {@code java -cp jts-fleet.jar jts.fleet.controller.docs.ReferenceMain completion OUT_FILE}.
 * Not a subcommand: operators never need it, and keeping it out of the tree keeps it out of --help and the
 * man pages.
 */
public final class ReferenceMain {
    private ReferenceMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("completion")) {
            System.err.println("usage: ReferenceMain completion OUT_FILE");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.writeString(out, bashCompletion(), StandardCharsets.UTF_8);
        PrintWriter stdout = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        stdout.println("wrote " + out);
    }

    /** The bash (and zsh via bashcompinit) completion script for the whole command tree. */
    public static String bashCompletion() {
        return AutoComplete.bash("jts-fleet", CommandPages.tree());
    }
}
