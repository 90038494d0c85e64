package jts.fleet.remote.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptResourcesTest {
    @Test
    void aSlotIsFilledWithTheWordsFromJava() {
        assertThat(ScriptResources.fill("x.sh", "#!/bin/sh\nATTRS=\"@@ATTRS@@ rotational\"\n", "@@ATTRS@@", "a b"))
                .isEqualTo("#!/bin/sh\nATTRS=\"a b rotational\"\n");
    }

    @Test
    void aScriptWithoutTheSlotIsABrokenBuild() {
        assertThatThrownBy(() -> ScriptResources.fill("x.sh", "#!/bin/sh\nATTRS=\"\"\n", "@@ATTRS@@", "a b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("x.sh has no @@ATTRS@@ to fill");
    }

    @Test
    void aMissingResourceIsABrokenBuild() {
        assertThatThrownBy(() -> ScriptResources.text("/jts/fleet/remote/no-such-script.sh"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("missing classpath resource /jts/fleet/remote/no-such-script.sh (broken build)");
    }
}
