package jts.fleet.controller.docs;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/** One AsciiDoc man page from picocli-codegen's {@link ManPageGenerator#writeSingleManPage}. */
final class ManPageSource {
    private ManPageSource() {
    }

    static String page(CommandSpec spec) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(out, spec);
        } catch (RuntimeException e) {
            // e.g. IllegalFormatException from a help text with a lone '%': name the command
            throw new IllegalStateException("man page of " + spec.qualifiedName() + ": " + e, e);
        }
        // the generator writes platform line separators; committed files use \n
        return text.toString().replace("\r\n", "\n");
    }
}
