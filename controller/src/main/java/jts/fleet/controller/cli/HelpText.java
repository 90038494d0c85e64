package jts.fleet.controller.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Summaries of help texts: the command lists of --help and the NAME line of man pages use the same rule. */
public final class HelpText {
    /** A full stop followed by a space and an upper-case word or a parenthesis ends a sentence. */
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(?= [A-Z(])");

    private HelpText() {
    }

    /** The first sentence of {@code text} without its full stop; "e.g." and "1.5" do not end a sentence. */
    public static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        Matcher end = SENTENCE_END.matcher(flat);
        String sentence = end.find() ? flat.substring(0, end.start()) : flat;
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
