package jts.fleet.controller.cli.tree;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.IScoped;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.PicocliException;
import picocli.CommandLine.Range;

/**
 * What the generated command models ({@link CommandModels}) are made of: a command's spec, its options and positional
 * parameters bound to the fields (or the setter method) they were declared on, its mixins and picocli's standard
 * {@code --help}/{@code --version}, each as picocli's annotation reader would make it, without reading an annotation.
 * Members are found by name on the object's class or a superclass: reflection on a named member costs microseconds,
 * where reading a picocli annotation first makes a dynamic proxy class for its type (~20 ms for {@code @Command} on a
 * cold JVM, which no class-data archive can hold).
 * <p>
 * The bindings are named classes, not lambdas, like the tree's other implementations of picocli's interfaces
 * ({@link CommandTree#configure} says why).
 */
final class ModelParts {
    /** picocli's key of the standard help mixin ({@code mixinStandardHelpOptions = true}). */
    static final String STANDARD_HELP = "mixinStandardHelpOptions";

    private ModelParts() {
    }

    /** The spec of {@code userObject}, a command or a mixin, to which the generated model adds its parts. */
    static CommandSpec spec(Object userObject, IFactory factory) {
        return CommandSpec.wrapWithoutInspection(userObject, factory);
    }

    /** An option bound to field {@code name} of {@code owner} (declared on {@code declaringClass} or a superclass). */
    static OptionSpec.Builder option(Object owner, String declaringClass, String name, String... names) {
        FieldValue value = new FieldValue(owner, field(owner, declaringClass, name));
        // the field's value now is what picocli resets it to before each parse (the shell parses many lines)
        return OptionSpec.builder(names).userObject(value.field).getter(value).setter(value)
                .scope(new Instance(owner)).initialValue(value.get()).hasInitialValue(true).prompt("")
                .descriptionKey("");
    }

    /** A positional parameter bound to field {@code name} of {@code owner}, the same way. */
    static PositionalParamSpec.Builder positional(Object owner, String declaringClass, String name) {
        FieldValue value = new FieldValue(owner, field(owner, declaringClass, name));
        return PositionalParamSpec.builder().userObject(value.field).getter(value).setter(value)
                .scope(new Instance(owner)).initialValue(value.get()).hasInitialValue(true).prompt("")
                .descriptionKey("");
    }

    /**
     * An option whose values go to the one-argument method {@code name} of {@code owner}, whose model is {@code spec}:
     * as picocli binds an annotated setter method, it has no initial value (nothing is reset before a parse), remembers
     * the last value set, and a value the method refuses is a usage error of that command.
     */
    static OptionSpec.Builder setterOption(CommandSpec spec, Object owner, String declaringClass, String name,
            Class<?> parameter, String... names) {
        Method method = method(owner, declaringClass, name, parameter);
        SetterValue value = new SetterValue(spec, owner, method);
        return OptionSpec.builder(names).userObject(method).getter(value).setter(value).scope(new Instance(owner))
                .hasInitialValue(false).prompt("").descriptionKey("");
    }

    /** picocli's arity range, {@code unspecified} when the annotation left it to the type (booleans take 0..1). */
    static Range arity(String range, boolean unspecified) {
        return Range.valueOf(range).unspecified(unspecified);
    }

    /**
     * The object of mixin field {@code name} of {@code owner}: its value, or (when null) a new one from the factory,
     * stored in the field, as picocli does for an {@code @Mixin} field.
     */
    static Object mixin(Object owner, String declaringClass, String name, IFactory factory) {
        Field field = field(owner, declaringClass, name);
        try {
            Object mixin = field.get(owner);
            if (mixin == null) {
                mixin = factory.create(field.getType());
                field.set(owner, mixin);
            }
            return mixin;
        } catch (Exception e) {
            throw new CommandLine.InitializationException("Could not access or modify mixin member " + field + ": " + e,
                    e);
        }
    }

    /**
     * An object the factory makes (a converter, a version provider), as picocli makes those an annotation names: a
     * failure is the same initialisation error.
     */
    static <T> T create(Class<T> type, IFactory factory) {
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new CommandLine.InitializationException("Could not instantiate " + type + ": " + e, e);
        }
    }

    /**
     * A subcommand of the given class on a new command line of the same factory: its generated model
     * ({@link CommandModels}), or for a class it does not cover (a front end) picocli's model from its annotations.
     */
    static CommandLine subcommand(Class<?> type, IFactory factory) {
        try {
            Object command = factory.create(type);
            CommandSpec generated = CommandModels.spec(command, factory);
            return new CommandLine(generated != null ? generated : command, factory);
        } catch (CommandLine.InitializationException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandLine.InitializationException("Could not instantiate and add subcommand " + type.getName()
                    + ": " + e, e);
        }
    }

    /**
     * {@code -h, --help} and {@code -V, --version} as picocli's {@code mixinStandardHelpOptions = true} adds them: the
     * same (interpolated) names, description keys and texts, in a mixin of the same name, last of the command's
     * options (picocli adds it after every member), and, as there, not at all when the command has one of their names
     * already. picocli binds them to the fields of its own mixin class, which is not public; here each has its own
     * value, false until given.
     */
    static void standardHelpOptions(CommandSpec spec) {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(helpOption("helpRequested", "${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
                .usageHelp(true).descriptionKey(STANDARD_HELP + ".help")
                .description("Show this help message and exit.").build());
        mixin.addOption(helpOption("versionRequested", "${picocli.version.name.0:--V}",
                "${picocli.version.name.1:---version}")
                .versionHelp(true).descriptionKey(STANDARD_HELP + ".version")
                .description("Print version information and exit.").build());
        for (String name : mixin.optionsMap().keySet()) {
            if (spec.optionsMap().containsKey(name)) {
                return;
            }
        }
        spec.addMixin(STANDARD_HELP, mixin);
    }

    private static OptionSpec.Builder helpOption(String field, String... names) {
        Flag flag = new Flag();
        return OptionSpec.builder(names).getter(flag).setter(flag).type(boolean.class).auxiliaryTypes(boolean.class)
                .arity(arity("0", true)).paramLabel("<" + field + ">").prompt("").initialValue(false)
                .hasInitialValue(true).withToString("field boolean picocli.CommandLine$AutoHelpMixin." + field);
    }

    static Field field(Object owner, String declaringClass, String name) {
        try {
            Field field = declaring(owner, declaringClass).getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw stale(owner, declaringClass + "." + name, e);
        }
    }

    static Method method(Object owner, String declaringClass, String name, Class<?> parameter) {
        try {
            Method method = declaring(owner, declaringClass).getDeclaredMethod(name, parameter);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw stale(owner, declaringClass + "." + name + "(" + parameter.getName() + ")", e);
        }
    }

    /** {@code owner}'s class or the superclass named {@code name} (package-private bases cannot be named in code). */
    private static Class<?> declaring(Object owner, String name) {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(name)) {
                return type;
            }
        }
        throw stale(owner, name, null);
    }

    /** A generated model naming a member its class no longer has: CommandModelsTest fails first, this is the net. */
    private static CommandLine.InitializationException stale(Object owner, String member, Exception cause) {
        return new CommandLine.InitializationException("generated command model of " + owner.getClass().getName()
                + " names " + member + ", which does not exist: regenerate CommandModels (see CommandModelsTest)",
                cause);
    }

    /** The object an option's field or method belongs to, as picocli's own scopes report it. */
    private static final class Instance implements IScope {
        private final Object owner;

        Instance(Object owner) {
            this.owner = owner;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) owner;
        }

        @Override
        public <T> T set(T value) {
            throw new UnsupportedOperationException("the object of a bound option is fixed");
        }
    }

    /** A flag's value where no field holds it (the standard help options). */
    private static final class Flag implements IGetter, ISetter {
        private Object value = false;

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T newValue) {
            T previous = (T) value;
            value = newValue;
            return previous;
        }
    }

    /** A value that belongs to an object (a command or a mixin): picocli asks for the object before the value. */
    private abstract static class Bound implements IGetter, ISetter, IScoped {
        final Object owner;

        Bound(Object owner) {
            this.owner = owner;
        }

        @Override
        public IScope getScope() {
            return new Instance(owner);
        }
    }

    /** The value of an option or positional parameter held in a field, as picocli's field binding holds it. */
    private static final class FieldValue extends Bound {
        private final Field field;

        FieldValue(Object owner, Field field) {
            super(owner);
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            try {
                return (T) field.get(owner);
            } catch (IllegalAccessException e) {
                throw new PicocliException("Could not get value for field " + field, e);
            }
        }

        @Override
        public <T> T set(T value) {
            try {
                T previous = get();
                field.set(owner, value);
                return previous;
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw new PicocliException("Could not set value for field " + field + " to " + value, e);
            }
        }
    }

    /**
     * The value of an option given to a setter method: kept here, as picocli's method binding keeps it. What the
     * method throws (but a picocli exception, passed on) becomes picocli's {@code ParameterException} on the command,
     * with picocli's words, so the value takes the usage-error path (message, suggestions, exit 2) as there.
     */
    private static final class SetterValue extends Bound {
        private final CommandSpec spec;
        private final Method method;
        private Object current;

        SetterValue(CommandSpec spec, Object owner, Method method) {
            super(owner);
            this.spec = spec;
            this.method = method;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) current;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T previous = (T) current;
            try {
                method.invoke(owner, value);
            } catch (InvocationTargetException e) {
                if (e.getTargetException() instanceof PicocliException picocli) {
                    throw picocli;
                }
                throw refused(value, e.getTargetException());
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw refused(value, e);
            }
            current = value;
            return previous;
        }

        private ParameterException refused(Object value, Throwable cause) {
            CommandLine command = spec.commandLine() != null ? spec.commandLine() : new CommandLine(spec);
            return new ParameterException(command, "Could not invoke " + method + " with " + value + " (" + cause
                    + ")", cause);
        }
    }
}
