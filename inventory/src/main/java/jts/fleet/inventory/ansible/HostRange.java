package jts.fleet.inventory.ansible;

import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's host ranges ({@code expand_hostname_range}): {@code db[01:03]} is db01, db02, db03 (a leading zero
 * fixes the width, and begin and end must then have the same length), {@code [a:c]} letters, {@code [1:9:2]} a
 * step, several ranges in one name, an empty begin meaning 0.
 */
public final class HostRange {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private HostRange() {
    }

    /** The names {@code pattern} stands for, in order; the pattern itself when it has no range. */
    public static List<String> expand(String pattern) {
        int open = pattern.indexOf('[');
        if (open < 0) {
            return List.of(pattern);
        }
        int close = pattern.indexOf(']', open);
        if (close < 0) {
            throw new IllegalArgumentException("host range in '" + pattern + "' has no closing ']'");
        }
        String head = pattern.substring(0, open);
        String tail = pattern.substring(close + 1);
        String[] bounds = pattern.substring(open + 1, close).split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new IllegalArgumentException("host range in '" + pattern + "' must be begin:end or begin:end:step");
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw new IllegalArgumentException("host range in '" + pattern + "' must specify an end value");
        }
        int step = 1;
        if (bounds.length == 3) {
            step = parse(bounds[2], pattern);
            if (step < 1) {
                throw new IllegalArgumentException("host range in '" + pattern + "' needs a step of at least 1");
            }
        }
        int width = begin.length() > 1 && begin.charAt(0) == '0' ? begin.length() : 0;
        if (width > 0 && width != end.length()) {
            throw new IllegalArgumentException("host range in '" + pattern
                    + "' must specify equal-length begin and end formats");
        }
        List<String> items = new ArrayList<>();
        int letterBegin = begin.length() == 1 ? LETTERS.indexOf(begin.charAt(0)) : -1;
        int letterEnd = end.length() == 1 ? LETTERS.indexOf(end.charAt(0)) : -1;
        if (letterBegin >= 0 && letterEnd >= 0) {
            if (letterBegin > letterEnd) {
                throw new IllegalArgumentException("host range in '" + pattern + "' must have begin <= end");
            }
            for (int i = letterBegin; i <= letterEnd; i += step) {
                items.add(String.valueOf(LETTERS.charAt(i)));
            }
        } else {
            int from = parse(begin, pattern);
            int to = parse(end, pattern);
            if (to - from > 100_000) {
                throw new IllegalArgumentException("host range in '" + pattern + "' has more than 100000 hosts");
            }
            for (int i = from; i <= to; i += step) {
                String n = Integer.toString(i);
                items.add(width > 0 && n.length() < width ? "0".repeat(width - n.length()) + n : n);
            }
        }
        List<String> names = new ArrayList<>();
        for (String item : items) {
            names.addAll(expand(head + item + tail));
        }
        return names;
    }

    private static int parse(String number, String pattern) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("host range in '" + pattern + "': '" + number + "' is not a number "
                    + "or a single letter");
        }
    }
}
