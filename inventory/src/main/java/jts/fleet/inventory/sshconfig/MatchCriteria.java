package jts.fleet.inventory.sshconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The criteria of a {@code Match} line as OpenSSH 9.2 reads them: {@code all}, {@code canonical}, {@code final},
 * {@code host}, {@code originalhost}, {@code user}, {@code localuser} and {@code exec}, each optionally negated
 * with {@code !}. Later OpenSSH criteria ({@code localnetwork}, {@code tagged}, {@code version},
 * {@code sessiontype}, {@code command}) are refused like OpenSSH 9.2 refuses them.
 */
final class MatchCriteria {
    /** One criterion; {@code argument} is empty for {@code all}, {@code canonical} and {@code final}. */
    record Criterion(boolean negate, String attribute, String argument) {
    }

    private static final Set<String> WITH_ARGUMENT = Set.of("host", "originalhost", "user", "localuser", "exec");
    private static final Set<String> NEWER = Set.of("localnetwork", "tagged", "version", "sessiontype", "command");

    private MatchCriteria() {
    }

    static List<Criterion> parse(SshConfigLine line) throws SshConfigTokenizer.LineException {
        List<String> words = SshConfigTokenizer.matchWords(line.rest());
        List<Criterion> criteria = new ArrayList<>();
        int attributes = 0;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean negate = word.startsWith("!");
            String attribute = (negate ? word.substring(1) : word).toLowerCase(Locale.ROOT);
            if (attribute.equals("all")) {
                if (attributes > 1 || i + 1 < words.size()) {
                    throw new SshConfigTokenizer.LineException("'" + word
                            + "' cannot be combined with other Match attributes");
                }
                criteria.add(new Criterion(negate, attribute, ""));
                return criteria;
            }
            attributes++;
            if (attribute.equals("canonical") || attribute.equals("final")) {
                criteria.add(new Criterion(negate, attribute, ""));
                continue;
            }
            if (!WITH_ARGUMENT.contains(attribute)) {
                throw new SshConfigTokenizer.LineException("unsupported Match attribute " + word
                        + (NEWER.contains(attribute) ? " (newer OpenSSH releases know it; jts-fleet follows 9.2)"
                        : " (host, originalhost, user, localuser, exec, canonical, final, all)"));
            }
            if (i + 1 >= words.size() || words.get(i + 1).isEmpty()) {
                throw new SshConfigTokenizer.LineException("missing Match criteria for " + word);
            }
            criteria.add(new Criterion(negate, attribute, words.get(++i)));
        }
        if (attributes == 0) {
            throw new SshConfigTokenizer.LineException("one or more attributes required for Match");
        }
        return criteria;
    }

    static Optional<String> check(SshConfigLine line) {
        try {
            parse(line);
            return Optional.empty();
        } catch (SshConfigTokenizer.LineException e) {
            return Optional.of(e.getMessage());
        }
    }
}
