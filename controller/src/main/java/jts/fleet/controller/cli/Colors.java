package jts.fleet.controller.cli;

/** ANSI colors, only on a real terminal and never with NO_COLOR set. */
public final class Colors {
    private static final String RESET = "\u001b[0m";

    private Colors() {
    }

    public static boolean enabled(AppContext context) {
        return context.terminal() && System.getenv("NO_COLOR") == null;
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

    private static String wrap(AppContext context, String code, String text) {
        return enabled(context) ? code + text + RESET : text;
    }
}
