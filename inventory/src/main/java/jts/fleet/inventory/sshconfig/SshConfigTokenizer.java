package jts.fleet.inventory.sshconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Splits ssh_config lines the way OpenSSH's readconf.c does ({@code strdelim} for the keyword, {@code argv_split}). */
final class SshConfigTokenizer {
    private static final String WHITESPACE = " \t\r\n";

    private SshConfigTokenizer() {
    }

    /** A problem with one line; the caller adds {@code file:line}. */
    static final class LineException extends Exception {
        private static final long serialVersionUID = 1L;

        LineException(String message) {
            super(message);
        }
    }

    /** The directive on {@code text}, or empty for a blank or comment line. */
    static Optional<SshConfigLine> line(String text, String source, int number) throws LineException {
        int end = text.length();
        while (end > 0 && (WHITESPACE + "\f").indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        String line = text.substring(0, end);
        int i = skip(line, 0, WHITESPACE);
        if (i == line.length() || line.charAt(i) == '#') {
            return Optional.empty();
        }
        int start = i;
        while (i < line.length() && (WHITESPACE + "=\"").indexOf(line.charAt(i)) < 0) {
            i++;
        }
        String written = line.substring(start, i);
        if (written.isEmpty()) {
            throw new LineException("a line must start with a keyword");
        }
        // one '=' may separate the keyword from its arguments, with whitespace on either side
        boolean sawEquals = i < line.length() && line.charAt(i) == '=';
        if (i < line.length() && line.charAt(i) != '"') {
            i++;
        }
        i = skip(line, i, WHITESPACE);
        if (!sawEquals && i < line.length() && line.charAt(i) == '=') {
            i = skip(line, i + 1, WHITESPACE);
        }
        String rest = line.substring(i);
        String keyword = written.toLowerCase(Locale.ROOT);
        if (rest.isEmpty()) {
            throw new LineException("no argument after keyword \"" + written + "\"");
        }
        return Optional.of(new SshConfigLine(source, number, keyword, written, split(rest), rest));
    }

    /** {@code argv_split(s, terminate_on_comment=1)}. */
    static List<String> split(String s) throws LineException {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder arg = new StringBuilder();
            char quote = 0;
            for (; i < s.length(); i++) {
                c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char next = s.charAt(i + 1);
                    if (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' ')) {
                        arg.append(next);
                        i++;
                    } else {
                        arg.append(c);
                    }
                } else if (quote == 0 && (c == ' ' || c == '\t')) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    arg.append(c);
                }
            }
            if (quote != 0) {
                throw new LineException("invalid quotes (a quoted argument is not closed)");
            }
            args.add(arg.toString());
        }
        return args;
    }

    /**
     * The words of a {@code Match} line as {@code strdelim} returns them: split at whitespace or one {@code =}, a
     * double-quoted word may hold spaces, a word starting with {@code #} ends the line.
     */
    static List<String> matchWords(String rest) throws LineException {
        List<String> words = new ArrayList<>();
        int i = skip(rest, 0, WHITESPACE);
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '#') {
                break;
            }
            String word;
            if (c == '"') {
                int close = rest.indexOf('"', i + 1);
                if (close < 0) {
                    throw new LineException("invalid quotes (a quoted argument is not closed)");
                }
                word = rest.substring(i + 1, close);
                i = close + 1;
            } else {
                int start = i;
                while (i < rest.length() && (WHITESPACE + "=\"").indexOf(rest.charAt(i)) < 0) {
                    i++;
                }
                word = rest.substring(start, i);
                if (i < rest.length() && rest.charAt(i) == '=') {
                    i++;
                }
            }
            words.add(word);
            i = skip(rest, i, WHITESPACE);
        }
        return words;
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
