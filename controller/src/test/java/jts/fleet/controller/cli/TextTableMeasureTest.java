package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * A render measures each cell once (coloured cells cost JLine's width tables) and prints what it printed when it
 * measured them up to four times: the expected texts below are the previous implementation's output, kept as literals.
 */
class TextTableMeasureTest {
    private static final String GREEN_OK = "\u001b[32mok\u001b[0m";
    private static final String YELLOW_WHY = "\u001b[33m" + "slow: p99 over the tier threshold" + "\u001b[0m";
    private static final String YELLOW_MODEL = "\u001b[33m日本語モデル名前\u001b[0m";

    private static TextTable counting(List<String> measured, String... headers) {
        return new TextTable(cell -> {
            measured.add(cell);
            return TextTable.measure(cell);
        }, headers);
    }

    private static Map<String, Long> counts(List<String> measured) {
        return measured.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void eachCellIsMeasuredOncePerRenderCutOrNot() {
        List<String> measured = new ArrayList<>();
        TextTable table = counting(measured, "HOST", "STATUS", "WHY")
                .row("db-01", Colors.cell("ok", GREEN_OK), Colors.cell("slow: p99 over the tier threshold", YELLOW_WHY))
                .row("db-02", Colors.cell("ok", GREEN_OK), "日本 model")
                .row("db-03", "failed", "-");
        Map<Integer, String> expected = Map.of(
                120, "  HOST   STATUS  WHY\n"
                        + "  db-01  \u001b[32mok\u001b[0m      \u001b[33mslow: p99 over the tier threshold\u001b[0m\n"
                        + "  db-02  \u001b[32mok\u001b[0m      日本 model\n"
                        + "  db-03  failed  -\n",
                30, "  HOST   STATUS  WHY\n"
                        + "  db-01  \u001b[32mok\u001b[0m      \u001b[33mslow: p99 ov\u001b[0m…\n"
                        + "  db-02  \u001b[32mok\u001b[0m      日本 model\n"
                        + "  db-03  failed  -\n");
        for (int width : new int[] {120, 30}) { // 30 cuts the coloured WHY cell
            measured.clear();
            assertThat(table.render(width, "  ")).as("rendered at width %d", width).isEqualTo(expected.get(width));
            assertThat(measured).as("cells measured at width %d", width).hasSize(3 * 4);
            assertThat(counts(measured)).as("times each distinct cell was measured at width %d", width).containsOnly(
                    Map.entry("HOST", 1L), Map.entry("STATUS", 1L), Map.entry("WHY", 1L),
                    Map.entry("db-01", 1L), Map.entry("db-02", 1L), Map.entry("db-03", 1L),
                    Map.entry(GREEN_OK, 2L), Map.entry(YELLOW_WHY, 1L), Map.entry("日本 model", 1L),
                    Map.entry("failed", 1L), Map.entry("-", 1L));
        }
    }

    /**
     * A cut that would split a wide character keeps one column less and pads it, plain or coloured: MODEL is cut to 10
     * columns, "日本語モ" takes 8 of the 9 before the ellipsis (デ would straddle the cut), so 3 spaces follow, not 2.
     */
    @Test
    void aCutAcrossAWideCharacterIsPaddedFromWhatItKept() {
        List<String> measured = new ArrayList<>();
        String rendered = counting(measured, "HOST", "MODEL", "X").row("h", "日本語モデル名前", "x")
                .row("i", Colors.cell("日本語モデル名前", YELLOW_MODEL), "y").render(19, "");
        assertThat(rendered).isEqualTo("HOST  MODEL       X\n"
                + "h     日本語モ…   x\n"
                + "i     \u001b[33m日本語モ\u001b[0m…   y\n");
        assertThat(counts(measured)).as("times each distinct cell was measured").containsOnly(
                Map.entry("HOST", 1L), Map.entry("MODEL", 1L), Map.entry("X", 1L), Map.entry("h", 1L),
                Map.entry("日本語モデル名前", 1L), Map.entry("x", 1L), Map.entry("i", 1L), Map.entry(YELLOW_MODEL, 1L),
                Map.entry("y", 1L));
    }
}
