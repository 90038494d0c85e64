package jts.fleet.inventory;

/**
 * A malformed inventory or policy. The message names the file, the line (when known) and the key, e.g.
 * {@code inventory.yaml:14: hosts.db-02.port: 70000 is out of range 1..65535}.
 */
public class InventoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
