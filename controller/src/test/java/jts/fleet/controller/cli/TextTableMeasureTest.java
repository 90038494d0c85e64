package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** A render measures each cell once (coloured cells cost JLine's width tables); its text does not change. */
class TextTableMeasureTest {
    private static final String GREEN_OK = "\u001b[32mok\u001b[0m";
    private static final String YELLOW_WHY = "\u001b[33m" + "slow: p99 over the tier threshold" + "\u001b[0m";

    private static TextTable table(List<String> measured) {
        return new TextTable(cell -> {
            measured.add(cell);
            return TextTable.measure(cell);
        }, "HOST", "STATUS", "WHY")
                .row("db-01", Colors.cell("ok", GREEN_OK), Colors.cell("slow: p99 over the tier threshold", YELLOW_WHY))
                .row("db-02", Colors.cell("ok", GREEN_OK), "日本 model")
                .row("db-03", "failed", "-");
    }

    private static Map<String, Long> counts(List<String> measured) {
        return measured.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void eachCellIsMeasuredOncePerRenderCutOrNot() {
        List<String> measured = new ArrayList<>();
        TextTable table = table(measured);
        for (int width : new int[] {120, 30}) { // 30 cuts the coloured WHY cell
            measured.clear();
            String rendered = table.render(width, "  ");
            assertThat(rendered).as("the same text as a table measuring the usual way")
                    .isEqualTo(table(new ArrayList<>()).render(width, "  "));
            assertThat(measured).as("cells measured at width %d", width).hasSize(3 * 4);
            assertThat(counts(measured)).as("times each distinct cell was measured at width %d", width).containsOnly(
                    Map.entry("HOST", 1L), Map.entry("STATUS", 1L), Map.entry("WHY", 1L),
                    Map.entry("db-01", 1L), Map.entry("db-02", 1L), Map.entry("db-03", 1L),
                    Map.entry(GREEN_OK, 2L), Map.entry(YELLOW_WHY, 1L), Map.entry("日本 model", 1L),
                    Map.entry("failed", 1L), Map.entry("-", 1L));
        }
        assertThat(table.render(30, "  ").lines().toList().get(1)).as("the cut keeps its colour")
                .contains("\u001b[33m").endsWith("…");
    }
}
