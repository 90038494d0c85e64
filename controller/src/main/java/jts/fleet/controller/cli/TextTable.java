package jts.fleet.controller.cli;

import java.util.ArrayList;
import java.util.List;

import org.jline.utils.AttributedString;

import jts.fleet.remote.model.HostText;

/**
 * A plain column-aligned table for the human views. Columns shrink from the right-most wide one when the
 * terminal is narrower than the table, cells are cut with an ellipsis rather than wrapped. Widths are display
 * columns (JLine's {@link AttributedString}): ANSI colour sequences take none, wide characters two, so a
 * coloured status lines up with a plain one. A cell of printable ASCII alone (an ellipsis of a cut aside), as most
 * are, is measured and cut as it is, one column a character: a table without colour or other characters loads none
 * of JLine's width tables (a dozen classes of a one-shot run). Every cell is text that may come from a host and is
 * shown through {@link HostText#escape} (a host's own escape sequences are written out, never obeyed), except cells
 * in our own colours ({@link Colors.Styled}).
 */
public final class TextTable {
    /** The last column of a cut cell (one display column). */
    private static final char ELLIPSIS = '…';

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            if (cell instanceof Colors.Styled styled) {
                row.add(styled.rendered());
            } else {
                row.add(cell == null ? "-" : HostText.escape(cell.toString()));
            }
        }
        while (row.size() < headers.size()) {
            row.add("");
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render(int width, String indent) {
        int columns = headers.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = columns(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], columns(row.get(c)));
            }
        }
        int available = width - indent.length() - 2 * (columns - 1);
        while (sum(widths) > available) {
            int widest = 0;
            for (int c = 1; c < columns; c++) {
                if (widths[c] >= widths[widest]) {
                    widest = c;
                }
            }
            if (widths[widest] <= 8) {
                break;
            }
            widths[widest]--;
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, headers, widths);
        for (List<String> row : rows) {
            line(out, indent, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < widths.length; c++) {
            String shown = cut(cells.get(c), widths[c]);
            line.append(shown);
            if (c < widths.length - 1) {
                line.append(" ".repeat(Math.max(0, widths[c] - columns(shown)) + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** {@code cell} cut to {@code width} display columns, its last one an ellipsis, keeping its colour. */
    private static String cut(String cell, int width) {
        if (columns(cell) <= width) {
            return cell;
        }
        if (plain(cell)) {
            return cell.substring(0, Math.max(0, width - 1)) + ELLIPSIS;
        }
        AttributedString styled = AttributedString.fromAnsi(cell);
        return AttributedString.join(AttributedString.EMPTY, styled.columnSubSequence(0, Math.max(0, width - 1)),
                new AttributedString(String.valueOf(ELLIPSIS))).toAnsi();
    }

    /** Display columns of a cell: escape sequences count zero, wide characters two. */
    static int columns(String cell) {
        return plain(cell) ? cell.length() : AttributedString.fromAnsi(cell).columnLength();
    }

    /** Printable ASCII and the ellipsis of a cut only: one display column a character, no escape sequence. */
    private static boolean plain(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if ((ch < ' ' || ch > '~') && ch != ELLIPSIS) {
                return false;
            }
        }
        return true;
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }
}
