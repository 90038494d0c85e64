package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.e2e.JsonSchemas;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.remote.json.JsonMappers;

/**
 * Every failure class a host can end in is one the published schema allows: {@code output_limit} was missing, so
 * a flooding host's {@code -o json} document broke the schema scripts validate against.
 */
class SchemaFailureClassesTest {
    @Test
    void theCommonSchemaListsEveryFailureClass() throws Exception {
        JsonNode schema = JsonMappers.mapper().readTree(Files.readString(JsonSchemas.DIR.resolve("common.schema.json")));
        List<String> listed = new ArrayList<>();
        schema.at("/$defs/hostEntry/properties/failure/enum").forEach(v -> listed.add(v.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(FailureClass.values()).map(FailureClass::key).toList());
    }

    @Test
    void aHostStoppedAtTheOutputCapIsAValidEntry() {
        JsonSchemas.validate("fleet-run", """
                {"hosts": [{"host": "flood-1", "status": "failed", "error": "flood-1: the command printed more than 4 MiB",
                            "failure": "output_limit"}],
                 "recap": {"ok": 0, "changed": 0, "failed": 1, "unreachable": 0, "skipped": 0}}
                """);
    }
}
