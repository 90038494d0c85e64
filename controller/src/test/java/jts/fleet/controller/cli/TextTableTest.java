package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextTableTest {
    private static final String GREEN_OK = "\u001b[32mok\u001b[0m";

    /** Where each line's third column starts, in display columns (escape sequences removed). */
    private static List<Integer> thirdColumnStarts(String rendered) {
        return rendered.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", ""))
                .map(l -> TextTable.columns(l.substring(0, l.indexOf("x")))).toList();
    }

    @Test
    void colourCodesTakeNoColumns() {
        String rendered = new TextTable("HOST", "STATUS", "xNOTE").row("db-01", Colors.cell("ok", GREEN_OK), "x1")
                .row("db-02", "failed", "x2").render(120, "");
        assertThat(thirdColumnStarts(rendered)).containsOnly(thirdColumnStarts(rendered).get(0));
        assertThat(rendered).contains(GREEN_OK);
    }

    /** Colour is ours to give (Colors.Styled): a host's own escape sequence in a cell is written out, not obeyed. */
    @Test
    void aHostsEscapeSequenceInACellIsWrittenOut() {
        String rendered = new TextTable("HOST", "MODEL").row("db-01", "\u001b]0;pwned\u0007" + GREEN_OK).render(120, "");
        assertThat(rendered).doesNotContain("\u001b").contains("\\x1b]0;pwned\\x07\\x1b[32mok\\x1b[0m");
    }

    @Test
    void wideCharactersTakeTwoColumnsAndCutsKeepColours() {
        String rendered = new TextTable("A", "B", "xC").row("日本", "b", "x1").row("ab", "b", "x2").render(120, "");
        assertThat(thirdColumnStarts(rendered).get(1)).isEqualTo(thirdColumnStarts(rendered).get(2));
        String cut = new TextTable("HOST", "WHY").row("h", Colors.cell("y".repeat(50),
                "\u001b[33m" + "y".repeat(50) + "\u001b[0m")).render(20, "");
        String row = cut.lines().toList().get(1);
        assertThat(TextTable.columns(row)).isLessThanOrEqualTo(20);
        assertThat(row).contains("\u001b[33m").endsWith("…");
    }

    /** A plain cell is cut as a coloured one is: the same columns, the last one an ellipsis. */
    @Test
    void aPlainCellIsCutLikeAColouredOne() {
        String plain = new TextTable("HOST", "WHY").row("h", "y".repeat(50)).render(20, "");
        String coloured = new TextTable("HOST", "WHY").row("h", Colors.cell("y".repeat(50),
                "\u001b[33m" + "y".repeat(50) + "\u001b[0m")).render(20, "");
        assertThat(plain).isEqualTo(coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
        assertThat(plain.lines().toList().get(1)).isEqualTo("h     " + "y".repeat(13) + "…");
        assertThat(TextTable.columns("y".repeat(13) + "…")).isEqualTo(14);
        assertThat(TextTable.columns("日本…")).as("wide characters still count two").isEqualTo(5);
    }
}
