package jts.fleet.inventory.sshconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.source.InventoryException;

/**
 * One ssh_config file, tokenized and checked line by line as OpenSSH checks it: a line that cannot be tokenized, a
 * keyword jts-fleet reads with a value OpenSSH would refuse, or a malformed {@code Match} is an error naming
 * {@code file:line}, wherever it stands (OpenSSH refuses the whole file too).
 *
 * <p>Unknown keywords are <em>ignored with a note</em> (shown by {@code inventory list --explain}, logged at debug
 * level). OpenSSH refuses them unless {@code IgnoreUnknown} lists them; jts-fleet does not, because the file belongs
 * to the user's {@code ssh}, which may be newer than the keyword list here ({@code Tag}, {@code RefuseConnection}) or
 * patched by the vendor ({@code UseKeychain}): refusing would stop jts-fleet where {@code ssh} works, while a keyword
 * jts-fleet does not read cannot change how jts-fleet connects. A near-miss of a keyword jts-fleet reads says
 * "did you mean".
 *
 * @param source how messages name the file
 * @param lines  the directives in file order
 * @param notes  {@code file:line: ...} texts about ignored keywords
 */
public record SshConfigFile(String source, List<SshConfigLine> lines, List<String> notes) {
    public SshConfigFile {
        lines = List.copyOf(lines);
        notes = List.copyOf(notes);
    }

    /**
     * Parses {@code text}.
     *
     * @throws InventoryException listing every bad line as {@code file:line: problem}
     */
    public static SshConfigFile parse(String text, String source) throws InventoryException {
        List<SshConfigLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            int number = i + 1;
            Optional<SshConfigLine> parsed;
            try {
                parsed = SshConfigTokenizer.line(raw[i], source, number);
            } catch (SshConfigTokenizer.LineException e) {
                problems.add(source + ":" + number + ": " + e.getMessage());
                continue;
            }
            if (parsed.isEmpty()) {
                continue;
            }
            SshConfigLine line = parsed.get();
            if (!SshKeywords.known(line.keyword())) {
                notes.add(line.where() + ": unknown keyword '" + line.written() + "' ignored"
                        + SshKeywords.suggestion(line.keyword()));
                continue;
            }
            Optional<String> problem = SshKeywords.check(line);
            if (problem.isPresent()) {
                problems.add(line.where() + ": " + SshKeywords.spelled(line.keyword()) + ": " + problem.get());
                continue;
            }
            lines.add(line);
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(problems);
        }
        return new SshConfigFile(source, lines, notes);
    }
}
