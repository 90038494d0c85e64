package jts.fleet.controller.shell;

import java.util.List;
import java.util.concurrent.Callable;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.AppContext;
import jts.fleet.inventory.HostSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code use PATTERN}: the shell's current selection, the default {@code --hosts} of every later command. */
@Command(name = "use", mixinStandardHelpOptions = true,
        description = {"Set the current host selection, checked against the inventory and shown in the prompt;",
            "every later command uses it unless given --hosts. Without PATTERN: show the selection."})
final class UseCommand implements Callable<Integer> {
    private static final int NAMES_SHOWN = 12;
    private final AppContext context;
    private final ShellSession session;

    @Parameters(arity = "0..1", paramLabel = "PATTERN",
            description = "Hosts: names, groups, globs, 'all'; a,b union, :&x intersection, :!x exclusion.")
    String pattern;

    UseCommand(AppContext context, ShellSession session) {
        this.context = context;
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        if (pattern == null) {
            List<HostSpec> hosts = session.inventory().select(session.selection());
            context.out().println("using '" + session.selection() + "': " + describe(hosts));
            return ExitCodes.OK;
        }
        List<HostSpec> hosts = session.use(pattern);
        context.out().println("using '" + pattern + "': " + describe(hosts));
        return ExitCodes.OK;
    }

    static String describe(List<HostSpec> hosts) {
        List<String> names = hosts.stream().map(HostSpec::name).toList();
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        String more = names.size() > NAMES_SHOWN ? ", … (" + (names.size() - NAMES_SHOWN) + " more)" : "";
        return hosts.size() + (hosts.size() == 1 ? " host (" : " hosts (") + shown + more + ")";
    }
}
