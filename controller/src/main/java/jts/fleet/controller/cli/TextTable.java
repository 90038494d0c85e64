package jts.fleet.controller.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain column-aligned table for the human views. Columns shrink from the right-most wide one when the
 * terminal is narrower than the table, cells are cut with an ellipsis rather than wrapped.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
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
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
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
            String cell = cells.get(c);
            if (cell.length() > widths[c]) {
                cell = cell.substring(0, Math.max(0, widths[c] - 1)) + "…";
            }
            line.append(cell);
            if (c < widths.length - 1) {
                line.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }
}
