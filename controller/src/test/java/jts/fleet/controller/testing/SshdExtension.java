package jts.fleet.controller.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Starts, injects and stops the fixtures a test class declares with {@link Sshd}; see there. The fixtures live for
 * the class: started before its {@code @BeforeAll} methods, closed after its {@code @AfterAll} methods, also when
 * starting one of them or the class's own setup failed.
 */
public final class SshdExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SshdExtension.class);
    private static final String STARTED = "started";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<Field> fields = annotatedFields(context.getRequiredTestClass());
        if (fields.isEmpty()) {
            return;
        }
        SshdFixture.require();
        List<SshdFixture> started = new ArrayList<>();
        context.getStore(NAMESPACE).put(STARTED, started);
        for (Field field : fields) {
            SshdFixture fixture = start(field.getAnnotation(Sshd.class));
            started.add(fixture);
            field.setAccessible(true);
            field.set(null, fixture);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<SshdFixture> started = context.getStore(NAMESPACE).remove(STARTED, List.class);
        if (started != null) {
            // in reverse: a later fixture may depend on an earlier one
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SshdFixture.class
                && annotatedFields(context.getRequiredTestClass()).size() == 1;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<List<?>> started = findStarted(context);
        if (started.isEmpty() || started.get().size() != 1) {
            throw new ParameterResolutionException("no @Sshd fixture started for "
                    + parameter.getDeclaringExecutable());
        }
        return started.get().get(0);
    }

    private static Optional<List<?>> findStarted(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            List<?> started = c.get().getStore(NAMESPACE).get(STARTED, List.class);
            if (started != null) {
                return Optional.of(started);
            }
        }
        return Optional.empty();
    }

    private static List<Field> annotatedFields(Class<?> testClass) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, Sshd.class, f -> true,
                HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (field.getType() != SshdFixture.class || !Modifier.isStatic(field.getModifiers())) {
                throw new ExtensionConfigurationException("@Sshd field " + field.getName()
                        + " must be a static SshdFixture (one fixture for the class)");
            }
        }
        return fields;
    }

    private static SshdFixture start(Sshd settings) throws Exception {
        SshdFixture.Builder builder = SshdFixture.builder().hosts(settings.hosts()).maxSessions(settings.maxSessions());
        if (!settings.config().isBlank()) {
            builder.config(settings.config().stripTrailing());
        }
        if (settings.sudoUser()) {
            builder.sudoUser();
        }
        if (settings.noSudoUser()) {
            builder.noSudoUser();
        }
        // the builder adds the logins before sshd starts and closes what it started when a step fails
        return builder.start();
    }
}
