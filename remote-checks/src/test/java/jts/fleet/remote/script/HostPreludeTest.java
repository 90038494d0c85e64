package jts.fleet.remote.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.monitor.MetricsConfig;
import jts.fleet.remote.tuning.TuningScripts;

/** The shared definitions reach every script that checks device names, once, after its first line. */
class HostPreludeTest {
    private static final String DEFINES_VALID_DEVICE = "\nvalid_device() {\n";

    @Test
    void thePreludeGoesAfterTheFirstLine() {
        assertThat(HostPrelude.splice("#!/bin/sh\necho hi\n", "x=1\n")).isEqualTo("#!/bin/sh\nx=1\necho hi\n");
        assertThatThrownBy(() -> HostPrelude.splice("no newline", "x=1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyScriptThatChecksDeviceNamesDefinesTheRuleOnceFromThePrelude() {
        List<String> texts = new java.util.ArrayList<>(List.of(MetricsConfig.script(), BenchScripts.BENCH.text(),
                BenchScripts.DEVICES.text(), BenchScripts.QUEUE_SET.text()));
        for (TuningScripts t : TuningScripts.values()) {
            texts.add(t.text());
        }
        for (String text : texts) {
            assertThat(text).startsWith("#!/bin/sh\n");
            assertThat(text.split(java.util.regex.Pattern.quote(DEFINES_VALID_DEVICE), -1)).as("valid_device definitions").hasSize(2);
        }
        assertThat(ScriptResources.text(HostPrelude.RESOURCE)).contains(DEFINES_VALID_DEVICE);
    }

    /** The prelude every script carries is read from the jar once; what splices it and what strips it share it. */
    @Test
    void thePreludeTextIsReadOnceAndIsWhatScriptsCarry() {
        assertThat(HostPrelude.text()).isSameAs(HostPrelude.text()).isEqualTo(ScriptResources.text(HostPrelude.RESOURCE));
        assertThat(HostPrelude.spliced("#!/bin/sh\necho hi\n")).isEqualTo("#!/bin/sh\n" + HostPrelude.text() + "echo hi\n");
    }
}
