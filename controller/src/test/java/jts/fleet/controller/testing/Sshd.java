package jts.fleet.controller.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real sshd for a test class, declared instead of started and stopped by hand:
 *
 * <pre>{@code
 * @Sshd(hosts = 2, sudoUser = true)
 * static SshdFixture sshd;
 * }</pre>
 *
 * <p>{@link SshdExtension} checks the machine first ({@link SshdFixture#require()}: skip, or fail under
 * {@code JTS_FLEET_REQUIRE_IT=1}), starts the fixture before the class's {@code @BeforeAll} methods run (so they can
 * use it), sets the field, and closes the fixture after the class's {@code @AfterAll} methods (so they can still
 * reach the hosts, e.g. to roll back). The field is static (also in a {@code @TestInstance(PER_CLASS)} class). A
 * parameter of type {@link SshdFixture} (of a lifecycle or test method)
 * gets the class's fixture when it has exactly one. Fixtures that need files made at run time (a CA for
 * {@code TrustedUserCAKeys}, a host certificate, a network namespace) are still built with
 * {@link SshdFixture#builder()}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SshdExtension.class)
public @interface Sshd {
    /** Hosts (ports) to serve. */
    int hosts() default 1;

    /** sshd's MaxSessions (OpenSSH's default is 10: channels per connection). */
    int maxSessions() default 20;

    /**
     * Lines appended to every sshd_config (e.g. {@code "ForceCommand yes"}); keywords that take a Match block go
     * last.
     */
    String config() default "";

    /** Adds {@link SshdFixture#SUDO_USER}, a login with passwordless sudo. */
    boolean sudoUser() default false;

    /** Adds {@link SshdFixture#NO_SUDO_USER}, a login that may not sudo without a password. */
    boolean noSudoUser() default false;
}
