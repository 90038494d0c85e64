package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two small texts (rules files), computed with a longest-common-subsequence table. Good
 * for files of a few hundred lines, which is all a rules file ever is; no dependency for it.
 */
public final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    private enum Op { KEEP, DELETE, INSERT }

    private record Edit(Op op, String line, int oldIndex, int newIndex) {
    }

    /**
     * Unified diff of {@code before} → {@code after} with three lines of context, or the empty string when
     * they are equal. An absent file is passed as the empty string.
     */
    public static String unified(String before, String after, String fromLabel, String toLabel) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromLabel).append('\n');
        out.append("+++ ").append(toLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.KEEP) {
                i++;
                continue;
            }
            // a hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that is
            // closer than 2*CONTEXT unchanged lines to the previous one
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).op() != Op.KEEP) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            appendHunk(out, edits.subList(start, end));
            i = end;
        }
        if (!after.isEmpty() && !after.endsWith("\n") || !before.isEmpty() && !before.endsWith("\n")) {
            out.append("\\ No newline at end of file\n");
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.op() != Op.INSERT) {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = e.oldIndex();
                }
            }
            if (e.op() != Op.DELETE) {
                newCount++;
                if (newStart < 0) {
                    newStart = e.newIndex();
                }
            }
        }
        // unified diff convention: an empty side is numbered by the line before it
        Edit first = hunk.get(0);
        int oldLine = oldCount == 0 ? first.oldIndex() : oldStart + 1;
        int newLine = newCount == 0 ? first.newIndex() : newStart + 1;
        out.append("@@ -").append(range(oldLine, oldCount)).append(" +").append(range(newLine, newCount))
                .append(" @@\n");
        for (Edit e : hunk) {
            out.append(switch (e.op()) {
                case KEEP -> ' ';
                case DELETE -> '-';
                case INSERT -> '+';
            }).append(e.line()).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Op.KEEP, a.get(i), i, j));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // deletions first on a tie: "-old" above "+new", like diff(1)
                edits.add(new Edit(Op.DELETE, a.get(i), i, j));
                i++;
            } else {
                edits.add(new Edit(Op.INSERT, b.get(j), i, j));
                j++;
            }
        }
        return edits;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
