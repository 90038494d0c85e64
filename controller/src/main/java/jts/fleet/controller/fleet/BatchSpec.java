package jts.fleet.controller.fleet;

/**
 * Size of serial batches, as Ansible's {@code serial}: a host count ({@code "5"}) or a percentage of the
 * selected hosts ({@code "25%"}, rounded down, at least one host).
 */
public record BatchSpec(int value, boolean percent) {

    public BatchSpec {
        if (value < 1) {
            throw new IllegalArgumentException("serial batch size must be at least 1, got " + value);
        }
        if (percent && value > 100) {
            throw new IllegalArgumentException("serial batch percentage must be 1..100, got " + value + "%");
        }
    }

    /** Parses {@code "N"} or {@code "N%"}; the message quotes the bad text. */
    public static BatchSpec parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        boolean percent = trimmed.endsWith("%");
        String digits = percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("serial batch \"" + text + "\" is neither a host count nor a"
                    + " percentage like 25%");
        }
        return new BatchSpec(Integer.parseInt(digits), percent);
    }

    /** Hosts per batch for {@code total} selected hosts. */
    public int sizeFor(int total) {
        if (total <= 0) {
            return 1;
        }
        int size = percent ? (int) ((long) total * value / 100) : value;
        return Math.max(1, Math.min(size, total));
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
