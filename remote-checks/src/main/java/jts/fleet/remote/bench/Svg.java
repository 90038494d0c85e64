package jts.fleet.remote.bench;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report, drawn in Java so the report needs no script and no network.
 * Output is deterministic (fixed number formatting) so reports can be golden-tested.
 */
final class Svg {
    static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

    /** One bar group (a host) with one value per series (a run). */
    record Group(String label, double[] values, boolean flagged) {
    }

    /** One line of a curve chart: points (x index, y value). */
    record Line(String label, double[] xs, double[] ys) {
    }

    private Svg() {
    }

    static String esc(String s) {
        // control characters are written out first (one rule for every view, HostText), then HTML-escaped
        String text = jts.fleet.remote.model.HostText.escape(s);
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String human(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.2f", v);
    }

    /** Horizontal grouped bars: one row per group, one bar per series. */
    static String bars(String chart, String profile, String title, String unit, List<String> series, List<Group> groups) {
        int barH = 14;
        int rowH = barH * series.size() + 10;
        int labelW = 160;
        int plotW = 420;
        int height = 40 + rowH * groups.size() + 20 * series.size() + 10;
        double max = groups.stream().flatMapToDouble(g -> java.util.Arrays.stream(g.values()))
                .filter(v -> !Double.isNaN(v)).max().orElse(1);
        max = max <= 0 ? 1 : max;
        StringBuilder s = open(chart, profile, labelW + plotW + 90, height, title, unit);
        int y = 30;
        for (Group g : groups) {
            s.append("<text x=\"4\" y=\"").append(y + rowH / 2).append("\" class=\"host").append(g.flagged() ? " flag" : "")
                    .append("\">").append(esc(g.label())).append("</text>\n");
            for (int i = 0; i < series.size(); i++) {
                double v = i < g.values().length ? g.values()[i] : Double.NaN;
                double w = Double.isNaN(v) ? 0 : v / max * plotW;
                s.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + i * barH).append("\" width=\"").append(num(w))
                        .append("\" height=\"").append(barH - 2).append("\" fill=\"").append(PALETTE[i % PALETTE.length])
                        .append("\"><title>").append(esc(g.label() + " " + series.get(i) + ": " + human(v) + " " + unit))
                        .append("</title></rect>\n");
                s.append("<text x=\"").append(num(labelW + w + 4)).append("\" y=\"").append(y + i * barH + barH - 4)
                        .append("\" class=\"v\">").append(Double.isNaN(v) ? "n/a" : human(v)).append("</text>\n");
            }
            y += rowH;
        }
        legend(s, series, y + 6);
        s.append("</svg>\n");
        return s.toString();
    }

    /** Latency percentile curves: x = percentile positions (categorical), y = latency on a log10 scale. */
    static String curves(String chart, String profile, String title, String unit, List<String> xLabels, List<Line> lines) {
        int left = 60;
        int plotW = 480;
        int plotH = 220;
        int top = 30;
        int height = top + plotH + 70 + 20 * lines.size();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Line l : lines) {
            for (double v : l.ys()) {
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max <= 0) {
            min = 1;
            max = 10;
        }
        double lo = Math.floor(Math.log10(min));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
        StringBuilder s = open(chart, profile, left + plotW + 40, height, title, unit + ", log scale");
        s.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(plotW).append("\" height=\"")
                .append(plotH).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int d = (int) lo; d <= (int) hi; d++) {
            double y = top + plotH - (d - lo) / (hi - lo) * plotH;
            s.append("<line x1=\"").append(left).append("\" x2=\"").append(left + plotW).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#ddd\"/>\n");
            s.append("<text x=\"4\" y=\"").append(num(y + 4)).append("\" class=\"v\">").append(human(Math.pow(10, d))).append("</text>\n");
        }
        int n = Math.max(1, xLabels.size() - 1);
        for (int i = 0; i < xLabels.size(); i++) {
            // turned 45 degrees and anchored at their end: 17 percentiles over 480 px do not overlap
            double x = left + (double) i / n * plotW;
            int y = top + plotH + 12;
            s.append("<text x=\"").append(num(x + 3)).append("\" y=\"").append(y).append("\" class=\"v\" ")
                    .append("text-anchor=\"end\" transform=\"rotate(-45 ").append(num(x + 3)).append(' ').append(y)
                    .append(")\">p").append(esc(xLabels.get(i))).append("</text>\n");
        }
        for (int li = 0; li < lines.size(); li++) {
            Line l = lines.get(li);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < l.xs().length; i++) {
                if (l.ys()[i] <= 0) {
                    continue;
                }
                double x = left + l.xs()[i] / n * plotW;
                double y = top + plotH - (Math.log10(l.ys()[i]) - lo) / (hi - lo) * plotH;
                pts.append(num(x)).append(',').append(num(y)).append(' ');
            }
            s.append("<polyline class=\"curve\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(PALETTE[li % PALETTE.length])
                    .append("\" points=\"").append(pts.toString().trim()).append("\"><title>").append(esc(l.label()))
                    .append("</title></polyline>\n");
        }
        legend(s, lines.stream().map(Line::label).toList(), top + plotH + 60);
        s.append("</svg>\n");
        return s.toString();
    }

    /** A chart's opening: the svg element (chart and profile as data attributes), its title, the caption. */
    private static StringBuilder open(String chart, String profile, int width, int height, String title, String units) {
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" data-chart=\"").append(esc(chart)).append("\" data-profile=\"").append(esc(profile))
                .append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\">\n");
        s.append("<title>").append(esc(title)).append("</title>\n");
        s.append("<text x=\"4\" y=\"16\" class=\"t\">").append(esc(title)).append(" (").append(esc(units)).append(")</text>\n");
        return s;
    }

    private static void legend(StringBuilder s, List<String> labels, int y) {
        for (int i = 0; i < labels.size(); i++) {
            int yy = y + i * 20;
            s.append("<rect x=\"4\" y=\"").append(yy - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(PALETTE[i % PALETTE.length]).append("\"/>");
            s.append("<text x=\"22\" y=\"").append(yy).append("\" class=\"legend\">").append(esc(labels.get(i))).append("</text>\n");
        }
    }
}
