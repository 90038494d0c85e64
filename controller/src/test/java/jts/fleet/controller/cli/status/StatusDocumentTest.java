package jts.fleet.controller.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jts.fleet.controller.cli.FleetReport;
import jts.fleet.controller.cli.Json;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.model.GatherParser;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.model.TierAssigner;

/**
 * The status document made host by host as hosts finish is, byte for byte, the pretty-printed tree of the whole
 * document that {@code status -o json} printed before (built after the last host): for no host, one, and a fleet of
 * recorded hosts (remote-checks fixtures) with failed, unreachable and skipped ones whose messages hold line breaks,
 * quotes and non-ASCII text, in any order of arrival.
 */
class StatusDocumentTest {
    private static HostResult<HostStatus> recorded(String name, String fixture) throws Exception {
        Policy policy = InventoryLoader.standard().defaultPolicy();
        try (InputStream in = GatherScript.class.getResourceAsStream("/fixtures/" + fixture + "/gather.out")) {
            assertThat(in).as("fixture %s on the test classpath (remote-checks test-jar)", fixture).isNotNull();
            String gather = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new HostResult.Ok<>(name, HostStatus.of(TierAssigner.assign(GatherParser.parse(name, gather),
                    policy), policy), false);
        }
    }

    /** What status printed before: the whole tree, then {@link Json#pretty}. */
    private static String wholeTree(List<HostResult<HostStatus>> results) {
        List<ObjectNode> entries = new ArrayList<>();
        for (HostResult<HostStatus> r : results) {
            entries.add(StatusJsonView.host(r));
        }
        return Json.pretty(StatusDocument.tree(entries, FleetReport.recapJson(results)));
    }

    private static List<HostResult<HostStatus>> fleet() throws Exception {
        return List.of(recorded("db-01", "nvme-db-host"), recorded("db-02", "sata-md-host"),
                new HostResult.Failed<>("db-03", FailureClass.TIMEOUT, "db-03: gather script did not finish\n"
                        + "within 60 s: \"stuck\" \u00e9t\u00e9 \u2603"),
                new HostResult.Unreachable<>("db-04", "db-04: cannot connect to 10.0.0.4:22: Connection refused"),
                new HostResult.Skipped<>("db-05", "not started: interrupted (Ctrl-C)"),
                recorded("nas-01", "nfs-cifs"), recorded("vm-01", "virtio-vm"));
    }

    @Test
    void aFleetInArrivalOrderPrintsAsTheWholeTreeDid() throws Exception {
        List<HostResult<HostStatus>> results = fleet();
        StatusDocument document = StatusDocument.start(true, true); // -o json --report
        for (int i = results.size() - 1; i >= 0; i--) {
            document.accept(results.get(i)); // arrival order is not the inventory's
        }
        assertThat(document.text(results)).isEqualTo(wholeTree(results));
        assertThat(document.entries(results)).hasSize(results.size()).doesNotContainNull();
    }

    @Test
    void hostsThatNeverReachedTheListenerAreRenderedAtTheEnd() throws Exception {
        List<HostResult<HostStatus>> results = fleet();
        StatusDocument document = StatusDocument.start(true, false);
        document.accept(results.get(1));
        // a result other than the one the listener saw (same host) is rendered from the run's result
        document.accept(new HostResult.Skipped<>("db-01", "stale"));
        assertThat(document.text(results)).isEqualTo(wholeTree(results));
    }

    @Test
    void oneHostAndNoHostPrintAsTheWholeTreeDid() throws Exception {
        List<HostResult<HostStatus>> one = List.of(recorded("solo", "nvme-multipath"));
        StatusDocument document = StatusDocument.start(true, false);
        document.accept(one.get(0));
        assertThat(document.text(one)).isEqualTo(wholeTree(one));
        assertThat(StatusDocument.start(true, false).text(List.of())).isEqualTo(wholeTree(List.of()))
                .contains("\"hosts\" : [ ]");
    }

    @Test
    void theReportEntriesAreTheViewsOfTheRunsResultsInInventoryOrder() throws Exception {
        List<HostResult<HostStatus>> results = fleet();
        StatusDocument document = StatusDocument.start(false, true);
        document.accept(results.get(3));
        List<ObjectNode> entries = document.entries(results);
        assertThat(entries).hasSize(results.size());
        for (int i = 0; i < results.size(); i++) {
            assertThat(entries.get(i)).isEqualTo(StatusJsonView.host(results.get(i)));
        }
    }
}
