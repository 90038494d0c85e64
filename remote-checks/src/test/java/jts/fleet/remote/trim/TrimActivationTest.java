package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** trim-activate.sh's answer as the controller reads it (the script itself runs in {@code TrimActivateIT}). */
class TrimActivationTest {
    private static final List<String> COMMANDS = TrimScript.activationCommands(false);

    @Test
    void theCommandsAreWhatTheScriptRunsInOrder() {
        assertThat(COMMANDS).containsExactly("systemctl daemon-reload", "systemctl enable --now jts-fstrim.timer",
                "systemctl is-enabled fstrim.timer");
        assertThat(TrimScript.activationCommands(true)).endsWith("systemctl disable --now fstrim.timer",
                "systemctl mask fstrim.timer");
    }

    @Test
    void unknownLinesAndAnAnswerWithoutSystemdAreRefusedNamingTheHost() {
        assertThat(TrimScript.parseActivation("db-01", COMMANDS, "systemd present\nfstrim.timer disabled\n"))
                .isEqualTo(new Activation.Activated(COMMANDS, "disabled", false, ""));
        assertThatThrownBy(() -> TrimScript.parseActivation("db-01", COMMANDS, "systemd present\nhello\n"))
                .hasMessage("db-01: activate: unexpected line \"hello\"");
        assertThatThrownBy(() -> TrimScript.parseActivation("db-01", COMMANDS, "next soon\n"))
                .hasMessage("db-01: activate: no \"systemd\" line in the answer");
    }
}
