package jts.fleet.controller.transport.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Provider;
import java.security.Security;

import org.junit.jupiter.api.Test;

/**
 * BouncyCastle's provider added on demand, and a JVM that refuses it (FIPS mode, a locked provider list, a JCE that will
 * not serve its ciphers) said so.
 */
class LazyBouncyCastleTest {

    @Test
    void aJvmThatRefusesTheProviderGetsAnErrorNamingTheCipherAndWhy() {
        Security.removeProvider("BC");
        try {
            assertThatThrownBy(() -> LazyBouncyCastle.add(() -> {
                throw new SecurityException("JCE cannot authenticate the provider BC");
            })).isInstanceOf(IllegalStateException.class)
                    .hasMessage("chacha20-poly1305@openssh.com needs BouncyCastle's security provider, which this JVM"
                            + " refused (FIPS mode or a restricted provider list?): java.lang.SecurityException: JCE"
                            + " cannot authenticate the provider BC")
                    .hasCauseInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> LazyBouncyCastle.add(() -> {
                throw new NoClassDefFoundError("org/bouncycastle/jce/provider/BouncyCastleProvider");
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("NoClassDefFoundError");
            assertThat(Security.getProvider("BC")).isNull();
        } finally {
            LazyBouncyCastle.add(); // as it was for the tests after this one
        }
    }

    /**
     * A JCE that refuses an unsigned provider adds it but then skips it where a cipher is looked up (Oracle's JDK:
     * "JCE cannot authenticate the provider BC"): sshj's lookup of BouncyCastle's ChaCha20 finds no provider. A provider
     * named BC that serves no cipher is seen the same way.
     */
    @Test
    void aProviderWhoseChaChaTheJceDoesNotServeIsTheSameRefusal() {
        Security.removeProvider("BC");
        try {
            assertThatThrownBy(() -> LazyBouncyCastle.add(() -> new Provider("BC", "1.0", "serves no cipher") {
                private static final long serialVersionUID = 1L;
            })).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("chacha20-poly1305@openssh.com needs BouncyCastle's security provider, which"
                            + " this JVM refused (FIPS mode or a restricted provider list?): ")
                    .hasMessageContaining("CHACHA");
        } finally {
            Security.removeProvider("BC");
            LazyBouncyCastle.add(); // as it was for the tests after this one
        }
    }

    @Test
    void theProviderIsAddedOnceAfterTheJdksOwn() {
        Security.removeProvider("BC");
        LazyBouncyCastle.add();
        LazyBouncyCastle.add(() -> {
            throw new AssertionError("not made again while the process has it");
        });
        assertThat(Security.getProvider("BC")).isNotNull();
        assertThat(Security.getProviders()[0].getName()).isNotEqualTo("BC");
    }
}
