package jts.fleet.controller.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * The command line as it goes into a change record: what was run, readable and re-runnable, without secrets.
 * jts-fleet takes no secret on its command line by design (keys come from the agent and key files, passphrases
 * are asked on the terminal), but a command line is typed by people and pasted from tickets, so three things are
 * replaced by {@code ***} wherever they appear: the value of an option picocli would ask for interactively or whose
 * name says password, passphrase, secret, token or key material; the password of a URL ({@code
 * https://user:PASSWORD@host}); the value of a {@code NAME=VALUE} word whose name says the same. Argument files
 * ({@code @file}) are shown expanded: the record says what ran, not where it was read from.
 */
public final class CommandLineText {
    public static final String HIDDEN = "***";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|phrase|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|auth[-_]?key).*");
    private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*):([^/@\\s]*)@");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,+@%^-]+");

    private CommandLineText() {
    }

    /** {@code jts-fleet apply -H 'db-*' --reason 'CHG-1 db tuning'} for what picocli parsed. */
    public static String of(CommandLine.ParseResult parsed) {
        Set<String> secretOptions = new HashSet<>();
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            for (CommandLine.Model.OptionSpec option : r.commandSpec().options()) {
                if (option.interactive() || java.util.Arrays.stream(option.names()).anyMatch(CommandLineText::secretName)) {
                    secretOptions.addAll(List.of(option.names()));
                }
            }
        }
        return of(parsed.expandedArgs(), secretOptions);
    }

    /** The same from plain arguments and the names of the options whose values are hidden. */
    public static String of(List<String> args, Set<String> secretOptions) {
        List<String> words = new ArrayList<>();
        words.add("jts-fleet");
        boolean hideNext = false;
        for (String arg : args) {
            if (hideNext) {
                words.add(HIDDEN);
                hideNext = false;
                continue;
            }
            int equals = arg.indexOf('=');
            if (arg.startsWith("-") && equals > 0 && secretOptions.contains(arg.substring(0, equals))) {
                words.add(quote(arg.substring(0, equals + 1) + HIDDEN));
                continue;
            }
            if (secretOptions.contains(arg)) {
                words.add(arg);
                hideNext = true;
                continue;
            }
            words.add(quote(hideInWord(arg)));
        }
        return String.join(" ", words);
    }

    static boolean secretName(String name) {
        return SECRET_NAME.matcher(name.replaceFirst("^-+", "")).matches();
    }

    /** URL passwords and NAME=VALUE secrets inside one word. */
    static String hideInWord(String word) {
        String hidden = URL_PASSWORD.matcher(word).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + HIDDEN + "@"));
        String bare = hidden.replaceFirst("^-+", "");
        Matcher assignment = ASSIGNMENT.matcher(bare);
        if (assignment.matches() && secretName(assignment.group(1))) {
            return hidden.substring(0, hidden.length() - bare.length()) + assignment.group(1) + "=" + HIDDEN;
        }
        return hidden;
    }

    /** A word as a POSIX shell reads it back: bare when plain, else single-quoted. */
    static String quote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
