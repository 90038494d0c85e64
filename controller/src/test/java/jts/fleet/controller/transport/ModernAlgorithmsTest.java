package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;

class ModernAlgorithmsTest {

    private static List<String> names(List<? extends Factory.Named<?>> factories) {
        return factories.stream().map(Factory.Named::getName).toList();
    }

    @Test
    void offersExactlyTheAllowlistInPreferenceOrder() {
        DefaultConfig config = SshjProcess.config();
        // Every allowlisted name exists in sshj 0.41: a silent drop after an upgrade would fail here.
        assertThat(names(config.getKeyExchangeFactories())).containsExactlyElementsOf(ModernAlgorithms.KEY_EXCHANGE);
        assertThat(names(config.getCipherFactories())).containsExactlyElementsOf(ModernAlgorithms.CIPHERS);
        assertThat(names(config.getMACFactories())).containsExactlyElementsOf(ModernAlgorithms.MACS);
        assertThat(names(config.getKeyAlgorithms())).containsExactlyElementsOf(ModernAlgorithms.KEY_ALGORITHMS);
        // the JDK's AES-GCM first: chacha20-poly1305 needs BouncyCastle's provider, added only when negotiated
        assertThat(names(config.getCipherFactories()).get(0)).isEqualTo("aes256-gcm@openssh.com");
        // and after AES-CTR: a server that has AES-CTR too is reached without it (a FIPS JVM cannot add it)
        assertThat(names(config.getCipherFactories())).endsWith("chacha20-poly1305@openssh.com");
        assertThat(names(config.getMACFactories()).get(0)).isEqualTo("hmac-sha2-256-etm@openssh.com");
        assertThat(names(config.getKeyExchangeFactories()).get(0)).isEqualTo("curve25519-sha256");
    }

    @Test
    void nothingWeakSlipsThrough() {
        DefaultConfig config = SshjProcess.config();
        List<String> all = new java.util.ArrayList<>();
        all.addAll(names(config.getKeyExchangeFactories()));
        all.addAll(names(config.getCipherFactories()));
        all.addAll(names(config.getMACFactories()));
        all.addAll(names(config.getKeyAlgorithms()));
        assertThat(all).noneMatch(name -> name.contains("sha1") || name.contains("cbc") || name.contains("md5")
                || name.contains("arcfour") || name.contains("3des") || name.equals("ssh-rsa") || name.equals("ssh-dss")
                || name.contains("group1-"));
    }
}
