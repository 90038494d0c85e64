package jts.fleet.inventory.source;

import java.util.List;

/**
 * A malformed inventory or policy. The message names the file, the line (when known) and the key, e.g.
 * {@code inventory.yaml:14: hosts.db-02.port: 70000 is out of range 1..65535}. When the loader finds several
 * problems at once they are all reported, one per line of the message, and also listed in {@link #problems()}.
 */
public class InventoryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InventoryException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems found in one pass; {@code problems} must not be empty. */
    public InventoryException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InventoryException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Each problem as one {@code file:line: key: message} text, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
