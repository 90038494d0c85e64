package jts.fleet.inventory.ansible;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code shlex.split(s, comments=..., posix=True)}, which Ansible uses for INI host lines and for
 * {@code ansible_ssh_common_args}: whitespace separates words, single quotes keep everything, double quotes keep
 * everything but a backslash before {@code "}, {@code \\}, {@code $} or a backtick, a backslash outside quotes
 * keeps the next character, and with comments a {@code #} outside quotes ends the line.
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String s, boolean comments) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                    word.append(s.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (comments && c == '#') {
                break;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 >= s.length()) {
                        throw new IllegalArgumentException("no escaped character");
                    }
                    word.append(s.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("no closing quotation");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
