package jts.fleet.controller.docs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import jts.fleet.remote.testing.Environment;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One AsciiDoc man page from picocli-codegen's {@code ManPageGenerator.writeSingleManPage}.
 *
 * <p>Called reflectively on purpose: picocli-codegen is a test-scope dependency of the controller pom. Where it
 * is missing the man-page tests skip (and fail under CI, see {@link Environment}) instead of breaking the
 * compilation of every controller test.
 */
final class ManPageSource {
    private static final String GENERATOR = "picocli.codegen.docgen.manpage.ManPageGenerator";

    private final Method writeSingleManPage;

    private ManPageSource(Method writeSingleManPage) {
        this.writeSingleManPage = writeSingleManPage;
    }

    static ManPageSource require() {
        Method method = null;
        try {
            method = Class.forName(GENERATOR).getMethod("writeSingleManPage", PrintWriter.class, CommandSpec.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            // reported through Environment below
        }
        Environment.require(method != null, "picocli-codegen (" + GENERATOR + ") is not on the test classpath");
        return new ManPageSource(method);
    }

    String page(CommandSpec spec) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            writeSingleManPage.invoke(null, out, spec);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(GENERATOR + ".writeSingleManPage is not accessible", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("man page of " + spec.qualifiedName() + ": " + e.getCause(), e.getCause());
        }
        // the generator writes platform line separators; committed files use \n
        return text.toString().replace("\r\n", "\n");
    }
}
