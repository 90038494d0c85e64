package jts.fleet.controller.cli;

/** ANSI colors: on a real terminal or with CLICOLOR_FORCE, never with NO_COLOR set. */
public final class Colors {
    private static final String RESET = "\u001b[0m";

    private Colors() {
    }

    /**
     * NO_COLOR (no-color.org) turns colours off; CLICOLOR_FORCE (any value but 0) turns them on where output is
     * not a terminal (a pager with -R, a test of the coloured view); otherwise only on a terminal.
     */
    public static boolean enabled(AppContext context) {
        return enabled(context.terminal(), System.getenv());
    }

    static boolean enabled(boolean terminal, java.util.Map<String, String> env) {
        if (env.get("NO_COLOR") != null && !env.get("NO_COLOR").isEmpty()) {
            return false;
        }
        String force = env.get("CLICOLOR_FORCE");
        if (force != null && !force.isEmpty() && !force.equals("0")) {
            return true;
        }
        return terminal;
    }

    public static String red(AppContext context, String text) {
        return wrap(context, "\u001b[31m", text);
    }

    public static String yellow(AppContext context, String text) {
        return wrap(context, "\u001b[33m", text);
    }

    public static String green(AppContext context, String text) {
        return wrap(context, "\u001b[32m", text);
    }

    public static String bold(AppContext context, String text) {
        return wrap(context, "\u001b[1m", text);
    }

    public static String status(AppContext context, String status) {
        return switch (status) {
            case "ok" -> green(context, status);
            case "changed" -> yellow(context, status);
            case "failed", "unreachable" -> red(context, status);
            default -> status;
        };
    }

    /**
     * A table cell in our own colours: {@link TextTable} measures {@code plain} and prints {@code rendered}, and
     * writes out the control characters of every other cell (those may come from a host).
     */
    public record Styled(String plain, String rendered) {
        @Override
        public String toString() {
            return rendered;
        }
    }

    /** {@code status} coloured as {@link #status} does, as a table cell. */
    public static Styled statusCell(AppContext context, String status) {
        return new Styled(status, status(context, status));
    }

    /** {@code text} with the colour {@code colour} gave it, as a table cell (e.g. {@code cell(s, red(ctx, s))}). */
    public static Styled cell(String text, String coloured) {
        return new Styled(text, coloured);
    }

    private static String wrap(AppContext context, String code, String text) {
        return enabled(context) ? code + text + RESET : text;
    }
}
