package jts.fleet.controller.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.change.ChangeOperator;

class OperatorIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void rootThroughSudoIsNamedWithThePersonWhoLoggedIn() throws Exception {
        Path passwd = Files.writeString(tmp.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\n");

        ChangeOperator who = OperatorIdentity.of("root", 0, Optional.of("1000\n"), passwd,
                Map.of("SUDO_USER", "alice", "USER", "mallory"));

        assertThat(who.localUser()).as("the OS's name, not $USER").isEqualTo("root");
        assertThat(who.loginUid()).hasValue(1000);
        assertThat(who.loginUser()).contains("alice");
        assertThat(who.sudoUser()).contains("alice");
        assertThat(who.on(Optional.of("jts"), "sudo").describe())
                .isEqualTo("root (login alice, sudo from alice) as jts with sudo");
    }

    @Test
    void aProcessWithoutLoginHasNoLoginUid() {
        ChangeOperator who = OperatorIdentity.of("svc", 998, Optional.of("4294967295"), tmp.resolve("none"), Map.of());

        assertThat(who.loginUid()).isEmpty();
        assertThat(who.loginUser()).isEmpty();
        assertThat(who.describe()).isEqualTo("svc");
    }

    @Test
    void thisProcessIsDescribedFromTheOperatingSystem() throws Exception {
        ChangeOperator who = OperatorIdentity.current();

        assertThat(who.localUser()).isEqualTo(System.getProperty("user.name"));
        String status = Files.readString(Path.of("/proc/self/status"));
        String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(who.uid()).isEqualTo(Long.parseLong(uid));
        assertThat(OperatorIdentity.controllerHost())
                .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
    }
}
