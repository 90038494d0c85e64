package jts.fleet.controller.cli.tree;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jts.fleet.controller.cli.AppContext;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A picocli model as text, for comparing two models of one command: the value of every public no-argument method of
 * the command's spec, its usage and parser specs, each option and positional parameter and its type info, and each
 * mixin, in name order, so that an attribute picocli adds in a later version is compared without a change here.
 * Left out are only what differs by design between a model read from annotations and one built in code: how a value
 * reaches its field (getter, setter and scope objects: picocli's field binding or {@link ModelParts}'), the annotated
 * elements picocli keeps of mixins, and the generic type arguments picocli keeps as names only for its annotation
 * processor. Specs referred to from another (an option's command, a subcommand) are shown by name.
 */
final class ModelDump {
    /** Methods whose values differ by design (see the class comment) or are not attributes. */
    private static final Set<String> LEFT_OUT = Set.of("getter", "setter", "scope", "mixinAnnotatedElements",
            "getActualGenericTypeArguments", "hashCode", "getClass", "toBuilder", "commandLine", "parent", "root",
            "subcommands", "mixins", "userObject", "addMethodSubcommands");

    private ModelDump() {
    }

    /** The model of {@code cmd} and of its mixins (recursively); its subcommands by name only. */
    static String of(CommandLine cmd) {
        StringBuilder out = new StringBuilder();
        spec(out, "", cmd.getCommandSpec());
        out.append("subcommands: ").append(cmd.getSubcommands().keySet()).append('\n');
        out.append("command class: ").append(cmd.getCommand().getClass().getName()).append('\n');
        // a spec's default toString names its object by identity
        return out.toString().replaceAll("@[0-9a-f]{4,}\\b", "@ID");
    }

    private static StringBuilder spec(StringBuilder out, String indent, CommandSpec spec) {
        // picocli makes a command it was given as a class when first asked for it, the generated models at once: ask
        // first, so that the spec's toString names the object in both
        spec.userObject();
        attributes(out, indent + "spec ", spec, CommandSpec.class);
        attributes(out, indent + "usage ", spec.usageMessage(), UsageMessageSpec.class);
        attributes(out, indent + "parser ", spec.parser(), ParserSpec.class);
        out.append(indent).append("user object class: ")
                .append(spec.userObject() == null ? "none" : spec.userObject().getClass().getName()).append('\n');
        for (OptionSpec option : spec.options()) {
            arg(out, indent + "option " + option.longestName() + " ", option, OptionSpec.class);
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            arg(out, indent + "positional " + positional.index() + " ", positional, PositionalParamSpec.class);
        }
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            out.append(indent).append("mixin ").append(mixin.getKey()).append(" {\n");
            CommandSpec mixinSpec = mixin.getValue();
            String dump = spec(new StringBuilder(), indent + "  ", mixinSpec).toString();
            if (mixin.getKey().equals(ModelParts.STANDARD_HELP)) {
                // picocli's object of the standard help options is a class of its own that is not public
                dump = dump.replaceAll("(?m)^(.*user object.*|.*spec toString = .*)\n", "");
            }
            out.append(dump);
            out.append(indent).append("}\n");
        }
        return out;
    }

    private static void arg(StringBuilder out, String prefix, ArgSpec arg, Class<?> type) {
        attributes(out, prefix, arg, type);
        attributes(out, prefix + "type info ", arg.typeInfo(), ITypeInfo.class);
        for (ITypeInfo aux : arg.typeInfo().getAuxiliaryTypeInfos()) {
            attributes(out, prefix + "auxiliary type info ", aux, ITypeInfo.class);
        }
        Object user = arg.userObject();
        String member = user instanceof java.lang.reflect.Member m ? m.getDeclaringClass().getName() + "." + m.getName()
                : String.valueOf(user);
        if (arg instanceof OptionSpec option && (option.usageHelp() || option.versionHelp())) {
            member = "the standard help options' object"; // picocli's is a class of its own that is not public
        }
        out.append(prefix).append("user object: ").append(member).append('\n');
    }

    private static void attributes(StringBuilder out, String prefix, Object object, Class<?> type) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.getParameterCount() > 0 || method.getReturnType() == void.class
                    || Modifier.isStatic(method.getModifiers()) || LEFT_OUT.contains(method.getName())) {
                continue;
            }
            String value;
            try {
                value = render(method.invoke(object));
            } catch (ReflectiveOperationException e) {
                value = "throws " + (e.getCause() != null ? e.getCause() : e);
            }
            out.append(prefix).append(method.getName()).append(" = ").append(value).append('\n');
        }
    }

    private static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(ModelDump::render).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value.getClass().isArray()) {
            return java.util.stream.IntStream.range(0, java.lang.reflect.Array.getLength(value))
                    .mapToObj(i -> render(java.lang.reflect.Array.get(value, i))).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> render(e.getKey()) + "=" + render(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(ModelDump::render).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof OptionSpec option) {
            return "option " + option.longestName();
        }
        if (value instanceof PositionalParamSpec positional) {
            return "positional " + positional.index();
        }
        if (value instanceof CommandSpec spec) {
            return "command " + spec.qualifiedName();
        }
        if (value instanceof CommandLine cmd) {
            return "command line " + cmd.getCommandSpec().qualifiedName();
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof CommandLine.Range || value instanceof Character
                || value instanceof java.nio.file.Path || value instanceof java.time.Duration) {
            return value.toString();
        }
        // converters, providers, renderers, help factories: which kind
        return value.getClass().getName().replaceAll("\\$\\$Lambda.*", "$$Lambda");
    }

    /**
     * Every field of {@code command} and of the objects of its mixins (recursively), up its class hierarchy, but the
     * context the tree binds: what a parse left in the command.
     */
    static String fields(Object command) {
        StringBuilder out = new StringBuilder();
        fields(out, "", command);
        return out.toString();
    }

    private static void fields(StringBuilder out, String prefix, Object object) {
        for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType() == AppContext.class) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(object);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                String name = prefix + type.getSimpleName() + "." + field.getName();
                if (value != null && value.getClass().getPackageName().startsWith("jts.fleet.controller.cli")
                        && !value.getClass().isEnum() && !value.getClass().isRecord()) {
                    fields(out, name + ".", value);
                } else {
                    out.append(name).append(" = ").append(render(value)).append('\n');
                }
            }
        }
    }
}
