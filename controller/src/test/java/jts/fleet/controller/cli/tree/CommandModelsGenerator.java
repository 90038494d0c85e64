package jts.fleet.controller.cli.tree;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Range;

/**
 * Writes {@link CommandModels}, the command tree's picocli models as code, from the annotations of its classes, the
 * way picocli's own annotation reader ({@code CommandLine.Model.CommandReflection}) walks them: each class from the
 * top superclass down, its {@code @Command} attributes, its subcommands, then its fields and methods in the order
 * reflection lists them, {@code mixinStandardHelpOptions} last. It covers the picocli features the tree uses; an
 * attribute or annotation it does not know stops it with the member's name (a new feature is added here first, and
 * {@code CommandModelsTest} then shows the generated model equal to picocli's), so a generated model never quietly
 * leaves something out.
 */
final class CommandModelsGenerator {
    static final String PATH = "src/main/java/jts/fleet/controller/cli/tree/CommandModels.java";
    static final String REGENERATE = "regenerate with: mvn -o -q test -pl controller -am -Dtest=CommandModelsTest"
            + " -Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    /** The @Command attributes a model carries; any other set to a non-default value is refused. */
    private static final Set<String> COMMAND_ATTRIBUTES = Set.of("name", "aliases", "description", "header", "footer",
            "footerHeading", "hidden", "mixinStandardHelpOptions", "subcommands", "versionProvider");
    private static final Set<String> OPTION_ATTRIBUTES = Set.of("names", "description", "paramLabel", "defaultValue",
            "required", "split", "converter", "scope", "arity", "hidden", "order", "fallbackValue");
    private static final Set<String> PARAMETERS_ATTRIBUTES = Set.of("index", "arity", "paramLabel", "description",
            "defaultValue", "hidden", "split", "converter");
    private static final Set<Class<? extends Annotation>> ARG_ANNOTATIONS = Set.of(Option.class, Parameters.class,
            Mixin.class);

    /** Model classes in the order their methods are written, each with its method's name. */
    private final Map<Class<?>, String> methods = new LinkedHashMap<>();
    private final Deque<Class<?>> pending = new ArrayDeque<>();
    private final StringBuilder bodies = new StringBuilder();

    private CommandModelsGenerator() {
    }

    /** The source of {@code CommandModels} for the tree's top-level command, its subcommands and {@code __complete}. */
    static String source() {
        List<Class<?>> roots = new ArrayList<>();
        roots.add(JtsFleetCommand.class);
        roots.addAll(List.of(CommandTree.subcommands()));
        roots.add(CompleteCommand.class);
        return source(roots);
    }

    /** The source for {@code roots}, their subcommands and mixins. */
    static String source(List<Class<?>> roots) {
        CommandModelsGenerator generator = new CommandModelsGenerator();
        roots.forEach(generator::methodFor);
        while (!generator.pending.isEmpty()) {
            generator.write(generator.pending.removeFirst());
        }
        return generator.file();
    }

    private String methodFor(Class<?> type) {
        String name = methods.get(type);
        if (name == null) {
            String simple = decapitalize(type.getSimpleName());
            name = methods.containsValue(simple) || methods.keySet().stream()
                    .anyMatch(other -> other.getSimpleName().equals(type.getSimpleName()))
                    ? lastPackage(type) + type.getSimpleName() : simple;
            methods.put(type, name);
            pending.add(type);
        }
        return name;
    }

    private String file() {
        StringBuilder out = new StringBuilder();
        out.append("// GENERATED from the picocli annotations of the command tree by CommandModelsGenerator (tests):"
                + " do not edit.\n// After changing a command's annotations, ").append(REGENERATE).append('\n');
        out.append("package jts.fleet.controller.cli.tree;\n\n");
        out.append("import picocli.CommandLine.IFactory;\n");
        out.append("import picocli.CommandLine.Model.CommandSpec;\n");
        out.append("import picocli.CommandLine.Model.OptionSpec;\n");
        out.append("import picocli.CommandLine.Model.PositionalParamSpec;\n\n");
        out.append("/**\n"
                + " * The picocli model of every command of the tree ({@link CommandTree}), as code generated at build time\n"
                + " * from the commands' annotations: a one-shot run builds its command's model without reading an\n"
                + " * annotation (reading them makes a proxy class per annotation type and scans every member; ~40 % of a\n"
                + " * local status's start-up). {@code CommandModelsTest} keeps this file equal to what the generator makes\n"
                + " * of the annotations now, and each model equal to picocli's own from the annotations.\n"
                + " */\n");
        out.append("final class CommandModels {\n");
        out.append("    private CommandModels() {\n    }\n\n");
        out.append("    /**\n"
                + "     * The generated model of {@code command}, or null for a class of no command of the tree. By class name: a\n"
                + "     * class literal per command would load every command class of the tree to build one command's model.\n"
                + "     */\n");
        out.append("    static CommandSpec spec(Object command, IFactory factory) {\n");
        out.append("        switch (command.getClass().getName()) {\n");
        for (Map.Entry<Class<?>, String> entry : methods.entrySet()) {
            if (entry.getKey().isAnnotationPresent(Command.class)) {
                out.append("            case ").append(literal(entry.getKey().getName())).append(":\n")
                        .append("                return ").append(entry.getValue()).append("(command, factory);\n");
            }
        }
        out.append("            default:\n                return null;\n        }\n    }\n");
        out.append(bodies);
        out.append("}\n");
        return out.toString();
    }

    /** The method building the spec of {@code type} (a command or a mixin), as picocli's reader would. */
    private void write(Class<?> type) {
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw refuse(type.getName(), "an inner or abstract class cannot be a command or mixin object");
        }
        StringBuilder body = new StringBuilder();
        body.append("\n    /** {@link ").append(type.getName().replace('$', '.')).append("}. */\n");
        body.append("    private static CommandSpec ").append(methods.get(type))
                .append("(Object object, IFactory factory) {\n");
        body.append("        CommandSpec spec = ModelParts.spec(object, factory);\n");
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        boolean standardHelp = false;
        for (Class<?> c : hierarchy) {
            Command command = c.getAnnotation(Command.class);
            if (command != null) {
                commandAttributes(body, c, command);
                standardHelp |= command.mixinStandardHelpOptions();
                for (Class<?> sub : command.subcommands()) {
                    Command subCommand = sub.getAnnotation(Command.class);
                    if (subCommand == null) {
                        throw refuse(c.getName(), "subcommand " + sub.getName() + " has no @Command");
                    }
                    methodFor(sub);
                    body.append("        spec.addSubcommand(").append(literal(subCommand.name()))
                            .append(", ModelParts.subcommand(").append(sub.getName().replace('$', '.'))
                            .append(".class, factory));\n");
                }
            }
            for (Field field : c.getDeclaredFields()) {
                member(body, c, field);
            }
            for (Method method : c.getDeclaredMethods()) {
                member(body, c, method);
            }
        }
        if (standardHelp) {
            body.append("        ModelParts.standardHelpOptions(spec);\n");
        }
        body.append("        return spec;\n    }\n");
        bodies.append(body);
    }

    private void commandAttributes(StringBuilder body, Class<?> c, Command command) {
        checkAttributes(c.getName(), command, COMMAND_ATTRIBUTES);
        if (command.aliases().length > 0) {
            body.append("        spec.aliases(").append(literals(command.aliases())).append(");\n");
        }
        body.append("        spec.name(").append(literal(command.name())).append(");\n");
        usage(body, "description", command.description());
        usage(body, "header", command.header());
        usage(body, "footer", command.footer());
        if (!command.footerHeading().isEmpty()) {
            body.append("        spec.usageMessage().footerHeading(").append(literal(command.footerHeading()))
                    .append(");\n");
        }
        if (command.hidden()) {
            body.append("        spec.usageMessage().hidden(true);\n");
        }
        if (!command.versionProvider().getName().equals("picocli.CommandLine$NoVersionProvider")) {
            body.append("        spec.versionProvider(ModelParts.create(")
                    .append(command.versionProvider().getName().replace('$', '.')).append(".class, factory));\n");
        }
    }

    private static void usage(StringBuilder body, String attribute, String[] lines) {
        if (lines.length > 0) {
            body.append("        spec.usageMessage().").append(attribute).append('(')
                    .append(wrapped(lines, "                ")).append(");\n");
        }
    }

    private void member(StringBuilder body, Class<?> owner, java.lang.reflect.AccessibleObject member) {
        String where = owner.getName() + "." + ((java.lang.reflect.Member) member).getName();
        boolean picocli = Arrays.stream(member.getAnnotations())
                .anyMatch(a -> a.annotationType().getEnclosingClass() == CommandLine.class);
        List<Annotation> known = Arrays.stream(member.getAnnotations())
                .filter(a -> ARG_ANNOTATIONS.contains(a.annotationType())).toList();
        if (!picocli) {
            return;
        }
        if (known.size() != 1 || member.getAnnotations().length != 1) {
            throw refuse(where, "takes only one of @Option, @Parameters, @Mixin (found "
                    + Arrays.toString(member.getAnnotations()) + ")");
        }
        Annotation annotation = known.get(0);
        if (member instanceof Method method) {
            if (!(annotation instanceof Option option) || method.getParameterCount() != 1) {
                throw refuse(where, "a method may only be an @Option setter of one parameter");
            }
            body.append("        spec.addOption(ModelParts.setterOption(spec, object, ").append(literal(owner.getName()))
                    .append(", ").append(literal(method.getName())).append(", ")
                    .append(classLiteral(method.getParameterTypes()[0])).append(", ")
                    .append(literals(option.names())).append(')');
            optionAttributes(body, where, option, method.getParameterTypes()[0], method.getGenericParameterTypes()[0],
                    propertyName(method.getName()), "method " + abbreviate(method.toGenericString()));
            body.append("\n                .build());\n");
            return;
        }
        Field field = (Field) member;
        if (annotation instanceof Mixin mixin) {
            checkAttributes(where, mixin, Set.of("name"));
            String name = mixin.name().isEmpty() ? field.getName() : mixin.name();
            body.append("        spec.addMixin(").append(literal(name)).append(", ")
                    .append(methodFor(field.getType())).append("(ModelParts.mixin(object, ")
                    .append(literal(owner.getName())).append(", ").append(literal(field.getName()))
                    .append(", factory), factory)\n                .withToString(")
                    .append(literal(abbreviate("mixin from member " + field.toGenericString()))).append("));\n");
        } else if (annotation instanceof Option option) {
            body.append("        spec.addOption(ModelParts.option(object, ").append(literal(owner.getName()))
                    .append(", ").append(literal(field.getName())).append(", ").append(literals(option.names()))
                    .append(')');
            optionAttributes(body, where, option, field.getType(), field.getGenericType(), field.getName(),
                    "field " + abbreviate(field.toGenericString()));
            body.append("\n                .build());\n");
        } else {
            Parameters parameters = (Parameters) annotation;
            checkAttributes(where, parameters, PARAMETERS_ATTRIBUTES);
            body.append("        spec.addPositional(ModelParts.positional(object, ").append(literal(owner.getName()))
                    .append(", ").append(literal(field.getName())).append(')');
            Class<?>[] aux = auxiliaryTypes(where, field.getType(), field.getGenericType());
            typeAttributes(body, field.getType(), aux);
            Range arity = Range.valueOf(parameters.arity());
            if (arity.isUnspecified()) {
                arity = isMultiValue(field.getType()) ? Range.valueOf("0..1").unspecified(true)
                        : Range.valueOf("1").unspecified(true);
            }
            arity(body, arity, Range.valueOf("1").unspecified(true));
            if (arity.min() > 0) {
                body.append("\n                .required(true)");
            }
            Range index = Range.valueOf(parameters.index());
            if (!index.isUnspecified()) {
                body.append("\n                .index(").append(literal(parameters.index())).append(')');
            }
            argAttributes(body, parameters.paramLabel(), field.getName(), parameters.description(),
                    parameters.defaultValue(), parameters.split(), parameters.hidden(), parameters.converter(),
                    "field " + abbreviate(field.toGenericString()));
            body.append("\n                .build());\n");
        }
    }

    private void optionAttributes(StringBuilder body, String where, Option option, Class<?> type, Type genericType,
            String name, String toString) {
        checkAttributes(where, option, OPTION_ATTRIBUTES);
        Class<?>[] aux = auxiliaryTypes(where, type, genericType);
        typeAttributes(body, type, aux);
        Range arity = Range.valueOf(option.arity());
        if (arity.isUnspecified()) {
            boolean zero = isBoolean(type) || isMultiValue(type) && isBoolean(aux[0]);
            arity = Range.valueOf(zero ? "0" : "1").unspecified(true);
        }
        arity(body, arity, Range.valueOf(isBoolean(type) ? "0" : "1").unspecified(true));
        if (option.required()) {
            body.append("\n                .required(true)");
        }
        if (option.order() != -1) {
            body.append("\n                .order(").append(option.order()).append(')');
        }
        if (!option.fallbackValue().isEmpty()) {
            body.append("\n                .fallbackValue(").append(literal(option.fallbackValue())).append(')');
        }
        if (option.scope() != CommandLine.ScopeType.LOCAL) {
            body.append("\n                .scopeType(picocli.CommandLine.ScopeType.").append(option.scope().name())
                    .append(')');
        }
        argAttributes(body, option.paramLabel(), name, option.description(), option.defaultValue(), option.split(),
                option.hidden(), option.converter(), toString);
    }

    private void argAttributes(StringBuilder body, String paramLabel, String name, String[] description,
            String defaultValue, String split, boolean hidden, Class<? extends CommandLine.ITypeConverter<?>>[] converters,
            String toString) {
        body.append("\n                .paramLabel(")
                .append(literal(paramLabel.isEmpty() ? "<" + name + ">" : paramLabel.trim())).append(')');
        if (description.length > 0) {
            body.append("\n                .description(").append(wrapped(description, "                        "))
                    .append(')');
        }
        if (!"__no_default_value__".equals(defaultValue)) {
            if (CommandLine.Option.NULL_VALUE.equals(defaultValue)) {
                throw refuse(toString, "defaultValue = NULL_VALUE is not generated");
            }
            body.append("\n                .defaultValue(").append(literal(defaultValue)).append(')');
        }
        if (!split.isEmpty()) {
            body.append("\n                .splitRegex(").append(literal(split)).append(')');
        }
        if (hidden) {
            body.append("\n                .hidden(true)");
        }
        if (converters.length > 0) {
            body.append("\n                .converters(").append(Arrays.stream(converters)
                    .map(c -> "ModelParts.create(" + c.getName().replace('$', '.') + ".class, factory)")
                    .collect(Collectors.joining(", "))).append(')');
        }
        body.append("\n                .withToString(").append(literal(toString)).append(')');
    }

    /** The arity, unless it is the one picocli gives a spec built in code without one ({@code fallback}). */
    private static void arity(StringBuilder body, Range arity, Range fallback) {
        if (!arity.equals(fallback) || arity.isUnspecified() != fallback.isUnspecified()) {
            body.append("\n                .arity(ModelParts.arity(").append(literal(arity.toString())).append(", ")
                    .append(arity.isUnspecified()).append("))");
        }
    }

    /** The type, and the element types unless they are those picocli infers from the type alone. */
    private static void typeAttributes(StringBuilder body, Class<?> type, Class<?>[] aux) {
        body.append("\n                .type(").append(classLiteral(type)).append(')');
        Class<?>[] inferred = type.isArray() ? new Class<?>[] {type.getComponentType()}
                : java.util.Collection.class.isAssignableFrom(type) ? new Class<?>[] {String.class}
                : new Class<?>[] {type};
        if (!Arrays.equals(aux, inferred)) {
            body.append(".auxiliaryTypes(").append(Arrays.stream(aux).map(CommandModelsGenerator::classLiteral)
                    .collect(Collectors.joining(", "))).append(')');
        }
    }

    /** The element types picocli infers from a field's declared type (RuntimeTypeInfo.inferTypes, no Map or Optional). */
    private static Class<?>[] auxiliaryTypes(String where, Class<?> type, Type genericType) {
        if (java.util.Map.class.isAssignableFrom(type) || java.util.Optional.class == type) {
            throw refuse(where, "Map and Optional options are not generated");
        }
        if (type.isArray()) {
            return new Class<?>[] {type.getComponentType()};
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            if (genericType instanceof ParameterizedType parameterized
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
                return new Class<?>[] {element};
            }
            throw refuse(where, "a collection's element type must be a plain class");
        }
        return new Class<?>[] {type};
    }

    /** picocli's multi-value types: arrays (not char[]), collections and maps. */
    private static boolean isMultiValue(Class<?> type) {
        return type.isArray() && type != char[].class || java.util.Collection.class.isAssignableFrom(type)
                || java.util.Map.class.isAssignableFrom(type);
    }

    private static boolean isBoolean(Class<?> type) {
        return type == boolean.class || type == Boolean.class;
    }

    /** Every attribute of {@code annotation} that differs from its default must be one the generator writes. */
    private static void checkAttributes(String where, Annotation annotation, Set<String> handled) {
        for (Method attribute : annotation.annotationType().getDeclaredMethods()) {
            try {
                Object value = attribute.invoke(annotation);
                Object fallback = attribute.getDefaultValue();
                if (!handled.contains(attribute.getName()) && !java.util.Objects.deepEquals(value, fallback)) {
                    throw refuse(where, "@" + annotation.annotationType().getSimpleName() + "(" + attribute.getName()
                            + ") is not generated yet: add it to CommandModelsGenerator");
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static IllegalStateException refuse(String where, String why) {
        return new IllegalStateException("CommandModelsGenerator: " + where + ": " + why);
    }

    /** picocli's name of the property a method sets ({@code TypedMember.propertyName}). */
    private static String propertyName(String methodName) {
        if (methodName.length() > 3 && (methodName.startsWith("get") || methodName.startsWith("set"))) {
            return decapitalize(methodName.substring(3));
        }
        return decapitalize(methodName);
    }

    /** picocli's {@code TypedMember.abbreviate}: the text of a member without modifiers and {@code java.lang.}. */
    private static String abbreviate(String text) {
        return text.replace("private ", "").replace("protected ", "").replace("public ", "").replace("java.lang.", "");
    }

    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String lastPackage(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    private static String classLiteral(Class<?> type) {
        return type.getCanonicalName() + ".class";
    }

    /** The literals on one line, or one a line under {@code indent} when there are several long ones. */
    private static String wrapped(String[] values, String indent) {
        String line = literals(values);
        if (values.length < 2 || line.length() < 80) {
            return line;
        }
        return "\n" + indent + Arrays.stream(values).map(CommandModelsGenerator::literal)
                .collect(Collectors.joining(",\n" + indent));
    }

    private static String literals(String... values) {
        return Arrays.stream(values).map(CommandModelsGenerator::literal).collect(Collectors.joining(", "));
    }

    static String literal(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
