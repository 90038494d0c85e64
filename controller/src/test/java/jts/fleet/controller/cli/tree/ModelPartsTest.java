package jts.fleet.controller.cli.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The parts of the generated models behave as picocli's bindings from the annotations do. */
class ModelPartsTest {
    /** A command whose option is a setter that refuses some values, as picocli would bind it from the annotation. */
    @CommandLine.Command(name = "levels")
    static final class Levels implements Runnable {
        String level;

        @CommandLine.Option(names = "--level", paramLabel = "LEVEL", description = "low or high.")
        void level(String value) {
            if (!value.equals("low") && !value.equals("high")) {
                throw new IllegalArgumentException("level must be low or high, got " + value);
            }
            level = value;
        }

        @Override
        public void run() {
        }
    }

    /** {@link Levels}' model as {@link CommandModelsGenerator} writes one. */
    private static CommandLine generated(Levels levels) {
        CommandSpec spec = ModelParts.spec(levels, CommandLine.defaultFactory());
        spec.name("levels");
        spec.addOption(ModelParts.setterOption(spec, levels, Levels.class.getName(), "level", String.class, "--level")
                .type(String.class)
                .paramLabel("LEVEL")
                .description("low or high.")
                .build());
        return new CommandLine(spec);
    }

    @Test
    void aValueTheSetterTakesIsSet() {
        Levels levels = new Levels();
        generated(levels).parseArgs("--level", "high");
        assertThat(levels.level).isEqualTo("high");
    }

    @Test
    void aValueTheSetterRefusesIsAParameterErrorOfTheCommandInPicocliWords() {
        CommandLine generated = generated(new Levels());
        CommandLine.ParameterException fromGenerated = catchThrowableOfType(
                () -> generated.parseArgs("--level", "medium"), CommandLine.ParameterException.class);
        CommandLine.ParameterException fromAnnotations = catchThrowableOfType(
                () -> new CommandLine(new Levels()).parseArgs("--level", "medium"), CommandLine.ParameterException.class);

        assertThat(fromGenerated).as("the refusal is a usage error").isNotNull();
        assertThat(fromGenerated.getCommandLine()).isSameAs(generated);
        assertThat(fromGenerated.getMessage()).isEqualTo(fromAnnotations.getMessage())
                .contains("level must be low or high, got medium");
        assertThat(fromGenerated.getCause()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedValueTakesPicocliUsageErrorPath() {
        StringWriter err = new StringWriter();
        CommandLine generated = generated(new Levels()).setErr(new PrintWriter(err)).setOut(new PrintWriter(
                new StringWriter()));

        int exit = generated.execute("--level", "medium");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("level must be low or high, got medium").contains("Usage: levels");
    }
}
