package jts.fleet.controller.cli.tree;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

import jts.fleet.controller.cli.AppCommand;
import jts.fleet.controller.cli.DurationConverter;
import jts.fleet.controller.cli.OutputOptions;
import jts.fleet.controller.cli.SizeConverter;
import picocli.CommandLine.IFactory;

/**
 * The command lines of the one-shot commands a monitoring system or cron starts every minute ({@code status},
 * {@code check}) in the plain forms they are written in, read without picocli: building even one command's picocli
 * model (its specs, their interpolated texts and regular expressions, a converter registry) and parsing with it was
 * ~10 ms of a local {@code status}'s ~100.
 * <p>
 * It knows the command's own options and its fleet options, written {@code --name VALUE}, {@code --name=VALUE} or
 * {@code -H VALUE}, each at most once, and fills the command's fields as picocli fills them, with the values picocli
 * would convert them to (the same converters for durations and sizes) and picocli's default values for the options
 * not given. Anything else it declines ({@link #parse} returns null) and picocli reads the line: help and version
 * options, {@code -v} and {@code --log-file}, argument files ({@code @FILE}), {@code --}, a repeated or unknown option,
 * a missing or empty value, a value starting with {@code -}, one its converter refuses, an enum value in another case,
 * a number picocli would read differently, any {@code picocli.*} system property (tracing, quote trimming). So every
 * usage error, with its wording, suggestions and exit code, still comes from picocli. {@code DirectLineTest} holds
 * each binding to the option picocli's model binds to the same member, each line it reads of ~1,200 per command to
 * the fields picocli's parse gives, and the tree's parser settings to those this reading assumes.
 */
final class DirectLine {
    /** Where an option's value goes: the command itself or one of its mixins. */
    enum Owner {
        COMMAND(null, null),
        /** {@code FleetCommand.fleet}: {@code FleetOptions}. */
        FLEET("jts.fleet.controller.cli.FleetCommand", "fleet"),
        /** {@code FleetOptions.selection}: {@code HostSelection}. */
        SELECTION("jts.fleet.controller.cli.FleetOptions", "selection"),
        /** {@code FleetOptions.connection}: {@code ConnectionOptions}. */
        CONNECTION("jts.fleet.controller.cli.FleetOptions", "connection"),
        /** {@code ConnectionOptions.deadlines}: {@code DeadlineOptions}. */
        DEADLINES("jts.fleet.controller.cli.ConnectionOptions", "deadlines"),
        /** {@code FleetCommand.output}: {@code OutputOptions}. */
        OUTPUT("jts.fleet.controller.cli.FleetCommand", "output");

        /** The class declaring the mixin field, and its name. */
        final String declaringClass;
        final String field;

        Owner(String declaringClass, String field) {
            this.declaringClass = declaringClass;
            this.field = field;
        }

        /** The class that declares this owner's option members ({@code command}'s own for {@link #COMMAND}). */
        String memberClass(Object command) {
            return switch (this) {
                case COMMAND -> command.getClass().getName();
                case FLEET -> "jts.fleet.controller.cli.FleetOptions";
                case SELECTION -> "jts.fleet.controller.cli.HostSelection";
                case CONNECTION -> "jts.fleet.controller.cli.ConnectionOptions";
                case DEADLINES -> "jts.fleet.controller.cli.DeadlineOptions";
                case OUTPUT -> "jts.fleet.controller.cli.OutputOptions";
            };
        }
    }

    /** What an option's value is and how it is read. */
    enum Kind {
        /** A boolean field, no value: true when given. */
        FLAG,
        /** A {@code String} field, the value as written. */
        TEXT,
        /** A {@code Path} field: {@code Path.of(value)}, as picocli's built-in converter. */
        PATH,
        /** An {@code int} field: digits without a leading zero or sign, at most 9 of them. */
        COUNT,
        /** {@code OutputOptions.Format}: its constant's exact name. */
        FORMAT,
        /** A {@code Duration} field read by {@link DurationConverter}. */
        DURATION,
        /** A {@code Long} field read by {@link SizeConverter}. */
        SIZE,
        /** A one-{@code String} setter method, called with the value as written. */
        SETTER
    }

    /** An option: its names, where its value goes ({@code member} of {@code owner}), its kind, picocli's default. */
    record Binding(Owner owner, String member, Kind kind, String defaultValue, String... names) {
    }

    /** The fleet options of every {@code FleetCommand}, in picocli's order. */
    private static final Binding[] FLEET_OPTIONS = {
        new Binding(Owner.SELECTION, "inventory", Kind.PATH, null, "--inventory"),
        new Binding(Owner.SELECTION, "policy", Kind.PATH, null, "--policy"),
        new Binding(Owner.SELECTION, "hosts", Kind.TEXT, null, "-H", "--hosts"),
        new Binding(Owner.SELECTION, "limit", Kind.TEXT, null, "--limit"),
        new Binding(Owner.FLEET, "sshConfig", Kind.SETTER, null, "--ssh-config"),
        new Binding(Owner.FLEET, "forks", Kind.COUNT, "32", "--forks"),
        new Binding(Owner.FLEET, "listHosts", Kind.FLAG, null, "--list-hosts"),
        new Binding(Owner.CONNECTION, "acceptNewHostKeys", Kind.FLAG, null, "--accept-new-host-keys"),
        new Binding(Owner.DEADLINES, "connectTimeout", Kind.DURATION, null, "--connect-timeout"),
        new Binding(Owner.DEADLINES, "commandTimeout", Kind.DURATION, null, "--timeout"),
        new Binding(Owner.DEADLINES, "runTimeout", Kind.DURATION, null, "--run-timeout"),
        new Binding(Owner.DEADLINES, "maxOutput", Kind.SIZE, null, "--max-output"),
        new Binding(Owner.DEADLINES, "maxDocumentOutput", Kind.SIZE, null, "--max-document"),
        new Binding(Owner.OUTPUT, "format", Kind.FORMAT, "text", "-o", "--output"),
    };

    private DirectLine() {
    }

    /** The commands read here, by name. */
    static boolean reads(String command) {
        return "status".equals(command) || "check".equals(command);
    }

    /** The options of {@code command} ({@link #reads}) read here: its own, then the fleet options. */
    static Binding[] bindings(String command) {
        Binding[] own = switch (command) {
            case "status" -> new Binding[] {
                new Binding(Owner.COMMAND, "all", Kind.FLAG, null, "--all"),
                new Binding(Owner.COMMAND, "reportDir", Kind.PATH, null, "--report"),
            };
            case "check" -> new Binding[] {new Binding(Owner.COMMAND, "gap", Kind.DURATION, "1s", "--gap")};
            default -> throw new IllegalArgumentException("not read directly: " + command);
        };
        Binding[] all = java.util.Arrays.copyOf(own, own.length + FLEET_OPTIONS.length);
        System.arraycopy(FLEET_OPTIONS, 0, all, own.length, FLEET_OPTIONS.length);
        return all;
    }

    /**
     * The command {@code args} name, made by {@code factory} and filled as picocli's parse of {@code args} fills it,
     * or null when this class does not read the line (picocli does).
     */
    static AppCommand parse(IFactory factory, String... args) throws Exception {
        if (args.length == 0 || !reads(args[0]) || picocliConfigured()) {
            return null;
        }
        Binding[] bindings = bindings(args[0]);
        String[] given = new String[bindings.length];
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            int index = find(bindings, name);
            if (index < 0 || given[index] != null) {
                return null; // unknown (or help, -v ...) or repeated: picocli's answer
            }
            if (bindings[index].kind() == Kind.FLAG) {
                if (value != null) {
                    return null;
                }
                given[index] = "";
                continue;
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    return null;
                }
                value = args[++i];
            }
            // an option name, a negative number or an argument file (@FILE, which picocli expands wherever it
            // stands; an @-word in an option's place is no binding's name and was declined above)
            if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@') {
                return null;
            }
            given[index] = value;
        }
        Object[] values = new Object[bindings.length];
        for (int i = 0; i < bindings.length; i++) {
            String text = given[i] != null ? given[i] : bindings[i].defaultValue();
            if (text != null) {
                values[i] = value(bindings[i].kind(), text);
                if (values[i] == null) {
                    return null;
                }
            }
        }
        AppCommand command = (AppCommand) factory.create(CommandTree.subcommand(args[0]));
        // the mixins as picocli makes them (FleetCommand's fields are filled by the factory, in this order)
        Object fleet = ModelParts.mixin(command, Owner.FLEET.declaringClass, Owner.FLEET.field, factory);
        Object output = ModelParts.mixin(command, Owner.OUTPUT.declaringClass, Owner.OUTPUT.field, factory);
        Object selection = ModelParts.field(fleet, Owner.SELECTION.declaringClass, Owner.SELECTION.field).get(fleet);
        Object connection = ModelParts.field(fleet, Owner.CONNECTION.declaringClass, Owner.CONNECTION.field).get(fleet);
        Object deadlines = ModelParts.field(connection, Owner.DEADLINES.declaringClass, Owner.DEADLINES.field)
                .get(connection);
        for (int i = 0; i < bindings.length; i++) {
            if (values[i] == null) {
                continue;
            }
            Binding binding = bindings[i];
            Object owner = switch (binding.owner()) {
                case COMMAND -> command;
                case FLEET -> fleet;
                case SELECTION -> selection;
                case CONNECTION -> connection;
                case DEADLINES -> deadlines;
                case OUTPUT -> output;
            };
            String declaring = binding.owner().memberClass(command);
            if (binding.kind() == Kind.SETTER) {
                Method setter = ModelParts.method(owner, declaring, binding.member(), String.class);
                try {
                    setter.invoke(owner, values[i]);
                } catch (InvocationTargetException e) {
                    return null; // refused: picocli reports it as it reports a refused setter value
                }
            } else {
                Field field = ModelParts.field(owner, declaring, binding.member());
                field.set(owner, values[i]);
            }
        }
        return command;
    }

    private static int find(Binding[] bindings, String name) {
        for (int i = 0; i < bindings.length; i++) {
            for (String candidate : bindings[i].names()) {
                if (candidate.equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code text} read as picocli reads it for an option of {@code kind}, or null when it might read it otherwise. */
    private static Object value(Kind kind, String text) {
        try {
            return switch (kind) {
                case FLAG -> Boolean.TRUE;
                case TEXT, SETTER -> text;
                case PATH -> Path.of(text);
                case COUNT -> count(text);
                case FORMAT -> "text".equals(text) ? OutputOptions.Format.text
                        : "json".equals(text) ? OutputOptions.Format.json : null;
                case DURATION -> new DurationConverter().convert(text);
                case SIZE -> new SizeConverter().convert(text);
            };
        } catch (RuntimeException e) {
            // a path with a NUL, a converter's refusal (picocli's TypeConversionException): picocli words it
            return null;
        }
    }

    /** Plain digits, which {@code Integer.valueOf} (picocli's converter) reads as written; else null. */
    private static Integer count(String text) {
        if (text.length() > 9 || text.length() > 1 && text.charAt(0) == '0') {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        return Integer.valueOf(text);
    }

    /**
     * A {@code picocli.*} system property other than the tree's own converter exclusion with its own value
     * ({@link CommandTree#CONVERTERS_LEFT_OUT}): picocli reads the line.
     */
    private static boolean picocliConfigured() {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("picocli.") && !(key.equals(CommandTree.CONVERTERS_PROPERTY)
                    && CommandTree.CONVERTERS_LEFT_OUT.equals(System.getProperty(key)))) {
                return true;
            }
        }
        return false;
    }
}
