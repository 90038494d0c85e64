package jts.fleet.inventory.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A keyword has one spelling, the package's ({@link SshKeywords.Keyword}): a name it does not read (a typo, or a
 * keyword jts-fleet has no use for) is a mistake of the asker, refused, never answered "not configured".
 */
class SshConfigResultTest {
    private static final SshConfigResult RESULT = new SshConfigResult("db", Map.of("hostname",
            new SshConfigValue("hostname", List.of("db.example.com"), "db.example.com", "/home/ops/.ssh/config", 2)),
            List.of(), List.of(), List.of());

    @Test
    void aKeywordIsAskedForByThePackagesName() {
        assertThat(RESULT.value(SshKeywords.Keyword.HOSTNAME)).map(SshConfigValue::first).contains("db.example.com");
        assertThat(RESULT.value(SshKeywords.Keyword.PROXY_JUMP)).isEmpty();
        assertThat(RESULT.value("HOSTNAME")).as("written names in any case, as ssh -G prints them")
                .map(SshConfigValue::first).contains("db.example.com");
    }

    @Test
    void aNameThePackageDoesNotReadIsRefusedNotAnsweredEmpty() {
        assertThatThrownBy(() -> RESULT.value("HostNmae")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ssh_config keyword \"HostNmae\" is not one jts-fleet reads");
        assertThatThrownBy(() -> RESULT.value("ForwardAgent")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ssh_config keyword \"ForwardAgent\" is not one jts-fleet reads");
    }
}
