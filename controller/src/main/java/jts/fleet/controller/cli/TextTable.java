package jts.fleet.controller.cli;

import java.util.ArrayList;
import java.util.List;

import org.jline.utils.AttributedString;

import jts.fleet.remote.model.HostText;

/**
 * A plain column-aligned table for the human views. Columns shrink from the right-most wide one when the
 * terminal is narrower than the table, cells are cut with an ellipsis rather than wrapped. Widths are display
 * columns (JLine's {@link AttributedString}): ANSI colour sequences take none, wide characters two, so a
 * coloured status lines up with a plain one. Each cell is measured once per render ({@link #measure}): its column's
 * width, its cut and its padding all come from that. A cell of printable ASCII alone (an ellipsis of a cut aside), as
 * most are, is measured and cut as it is, one column a character: a table without colour or other characters loads
 * none of JLine's width tables (a dozen classes of a one-shot run). Every cell is text that may come from a host and is
 * shown through {@link HostText#escape} (a host's own escape sequences are written out, never obeyed), except cells
 * in our own colours ({@link Colors.Styled}).
 */
public final class TextTable {
    /** The last column of a cut cell (one display column). */
    private static final char ELLIPSIS = '…';

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final Measure measure;

    public TextTable(String... headers) {
        this(Usual.MEASURE, headers);
    }

    TextTable(Measure measure, String... headers) {
        this.measure = measure;
        this.headers = List.of(headers);
    }

    /**
     * A cell with its display columns, measured once per render: the width of its column, whether it is cut and its
     * padding all come from {@code columns}; {@code styled} is the parsed form a cut needs (null for a plain cell).
     */
    record Measured(String text, int columns, AttributedString styled) {
    }

    /** How a render measures a cell: {@link #measure}, or a test's counting wrapper of it. */
    @FunctionalInterface
    interface Measure {
        Measured apply(String cell);
    }

    /** {@link #measure} as a class, not a method reference: a table links no lambda call site in a one-shot run. */
    private enum Usual implements Measure {
        MEASURE;

        @Override
        public Measured apply(String cell) {
            return measure(cell);
        }
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
        List<Measured> header = measured(headers);
        List<List<Measured>> body = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            body.add(measured(row));
        }
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = header.get(c).columns();
            for (List<Measured> row : body) {
                widths[c] = Math.max(widths[c], row.get(c).columns());
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
        line(out, indent, header, widths);
        for (List<Measured> row : body) {
            line(out, indent, row, widths);
        }
        return out.toString();
    }

    private List<Measured> measured(List<String> cells) {
        List<Measured> out = new ArrayList<>(cells.size());
        for (String cell : cells) {
            out.add(measure.apply(cell));
        }
        return out;
    }

    private static void line(StringBuilder out, String indent, List<Measured> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < widths.length; c++) {
            Measured cell = cells.get(c);
            int shownColumns;
            if (cell.columns() <= widths[c]) {
                line.append(cell.text());
                shownColumns = cell.columns();
            } else {
                shownColumns = cut(cell, widths[c], line);
            }
            if (c < widths.length - 1) {
                line.append(" ".repeat(Math.max(0, widths[c] - shownColumns) + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * Appends {@code cell}, wider than {@code width} display columns, cut to them, its last one an ellipsis, keeping
     * its colour; returns the columns it takes (one less than {@code width} where a wide character would straddle the
     * cut).
     */
    private static int cut(Measured cell, int width, StringBuilder line) {
        int kept = Math.max(0, width - 1);
        if (cell.styled() == null) {
            line.append(cell.text(), 0, kept).append(ELLIPSIS);
            return kept + 1;
        }
        AttributedString head = cell.styled().columnSubSequence(0, kept);
        line.append(AttributedString.join(AttributedString.EMPTY, head,
                new AttributedString(String.valueOf(ELLIPSIS))).toAnsi());
        return head.columnLength() + 1;
    }

    /**
     * {@code cell} measured: a plain one by its length, any other parsed by JLine (escape sequences count zero, wide
     * characters two), the parse kept for a cut.
     */
    static Measured measure(String cell) {
        if (plain(cell)) {
            return new Measured(cell, cell.length(), null);
        }
        AttributedString styled = AttributedString.fromAnsi(cell);
        return new Measured(cell, styled.columnLength(), styled);
    }

    /** Display columns of a cell: escape sequences count zero, wide characters two. */
    static int columns(String cell) {
        return measure(cell).columns();
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
