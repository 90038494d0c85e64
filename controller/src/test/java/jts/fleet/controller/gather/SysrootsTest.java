package jts.fleet.controller.gather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.controller.tuning.TuningPaths;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.source.InventoryException;

/**
 * Whether a host is a fixture, where its tuning files are and what the gather script is given: one answer, from
 * {@link Sysroots#of}, for every spelling of a sysroot.
 */
class SysrootsTest {
    private static HostSpec host(String sysroot) throws Exception {
        return new HostSpec("box", HostSpec.Connection.LOCAL, "localhost", 22, "root", Optional.empty(),
                Optional.empty(), HostSpec.Become.NONE, List.of(), Optional.of(sysroot),
                InventoryLoader.standard().defaultPolicy());
    }

    /** The arguments the gather script is run with for {@code host} (the fake transport stops the run there). */
    private static List<String> gatherArgs(HostSpec host) {
        List<List<String>> seen = new ArrayList<>();
        FakeTransport transport = new FakeTransport("box", (script, args, stdin) -> {
            seen.add(List.copyOf(args));
            throw new TransportException(FailureClass.COMMAND, "box: stopped by the test");
        });
        assertThatThrownBy(() -> HostGather.framed(transport, host, Duration.ofSeconds(10)))
                .hasMessage("box: stopped by the test");
        return seen.get(0);
    }

    /** What an inventory may say: "/" or a plain path; every other spelling is refused naming file, line and key. */
    @ParameterizedTest
    @ValueSource(strings = {"", "//", "///", "/./", "/.", "/..", "/../", "/srv/fx/", "/srv/..", "srv"})
    void theInventoryRefusesEverySpellingButTheRootAndPlainPaths(String written) {
        assertThatThrownBy(() -> InventoryLoader.standard().loadFromString(
                "hosts:\n  box: {connection: local, sysroot: \"" + written + "\"}\n", "fixture.yaml"))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("fixture.yaml:2: hosts.box.sysroot: \"" + written + "\" ");
    }

    @ParameterizedTest
    @CsvSource({"/, ''", "/srv/fx, /srv/fx"})
    void theTwoSpellingsAnInventoryMayUseAreReadByTheRule(String written, String tree) throws Exception {
        HostSpec host = InventoryLoader.standard().loadFromString(
                "hosts:\n  box: {connection: local, sysroot: \"" + written + "\"}\n", "fixture.yaml").host("box").orElseThrow();
        assertThat(Sysroots.of(host)).isEqualTo(tree.isEmpty() ? Optional.empty() : Optional.of(tree));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "//", "///", "/./", "/.", "/..", "/../", "/././/"})
    void theRootInAnySpellingIsNoSysrootForEveryQuestion(String root) throws Exception {
        HostSpec host = host(root);
        assertThat(Sysroots.of(host)).as("Sysroots.of(\"%s\")", root).isEmpty();
        assertThat(Sysroots.hasSysroot(host)).as("hasSysroot(\"%s\")", root).isFalse();
        assertThat(TuningPaths.forHost(host)).as("TuningPaths.forHost(\"%s\")", root)
                .isEqualTo(new TuningPaths("", "/var/lib/jts-fleet", "/etc/udev/rules.d/60-jts-fleet.rules"));
        assertThat(gatherArgs(host)).as("gather script arguments for \"%s\"", root).isEmpty();
    }

    /** Not the root by its spelling alone (/srv may be a symbolic link): a sysroot, which every script refuses. */
    @ParameterizedTest
    @ValueSource(strings = {"/srv/..", "/srv/fx/../.."})
    void aParentOfATreeIsNoSpellingOfTheRoot(String written) throws Exception {
        HostSpec host = host(written);
        assertThat(Sysroots.of(host)).contains(written);
        assertThat(Sysroots.hasSysroot(host)).isTrue();
        assertThat(gatherArgs(host)).containsExactly(written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/fx", "/srv/fx/", "/srv/fx//"})
    void aTreeIsASysrootForEveryQuestionWithoutItsTrailingSlashes(String tree) throws Exception {
        HostSpec host = host(tree);
        assertThat(Sysroots.of(host)).as("Sysroots.of(\"%s\")", tree).contains("/srv/fx");
        assertThat(Sysroots.hasSysroot(host)).as("hasSysroot(\"%s\")", tree).isTrue();
        assertThat(TuningPaths.forHost(host)).as("TuningPaths.forHost(\"%s\")", tree).isEqualTo(new TuningPaths(
                "/srv/fx", "/srv/fx/var/lib/jts-fleet", "/srv/fx/etc/udev/rules.d/60-jts-fleet.rules"));
        assertThat(gatherArgs(host)).as("gather script arguments for \"%s\"", tree).containsExactly("/srv/fx");
    }
}
