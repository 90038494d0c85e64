package jts.fleet.controller.transport.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Security;

import org.junit.jupiter.api.Test;

/** BouncyCastle's provider added on demand, and a JVM that refuses it (FIPS mode, a locked provider list) said so. */
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
