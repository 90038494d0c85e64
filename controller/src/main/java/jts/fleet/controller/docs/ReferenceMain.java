package jts.fleet.controller.docs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;

/**
 * Build-time generator run by packaging/build-dist.sh against the built jar:
 * {@code java -cp jts-fleet.jar jts.fleet.controller.docs.ReferenceMain completion OUT_FILE}.
 * Not a subcommand: operators never need it, and keeping it out of the tree keeps it out of --help and the
 * man pages.
 */
public final class ReferenceMain {
    private ReferenceMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("completion") || args[0].equals("zsh-completion"))) {
            System.err.println("usage: ReferenceMain completion|zsh-completion OUT_FILE");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.writeString(out, args[0].equals("completion") ? bashCompletion() : zshCompletion(), StandardCharsets.UTF_8);
        PrintWriter stdout = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        stdout.println("wrote " + out);
    }

    /**
     * The bash completion script: picocli's for commands and options, plus host and group names of the
     * inventory after -H/--hosts, --limit and --host, asked from {@code jts-fleet __complete hosts} (the
     * inventory named on the line, else the default one). Host patterns contain ':', one of bash's word
     * breaks, so the word is taken from COMP_LINE and the part before its last ':' is trimmed from the answers.
     */
    public static String bashCompletion() {
        return AutoComplete.bash("jts-fleet", CommandPages.tree()) + HOSTS;
    }

    /** zsh: the same script through zsh's bash completion emulation (installed as _jts-fleet). */
    public static String zshCompletion() {
        return "#compdef jts-fleet\n"
                + "# jts-fleet completion for zsh: the bash completion script, run by zsh's bashcompinit.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bashCompletion().replace("#!/usr/bin/env bash\n", "")
                + "\n# called as the autoloaded _jts-fleet function: complete the current line now\n"
                + "if [[ -n ${funcstack[1]-} && ${funcstack[1]} == _jts-fleet ]]; then\n"
                + "    _bash_complete -F _jts_fleet_complete \"$@\"\n"
                + "fi\n";
    }

    private static final String HOSTS = """

            # ---- jts-fleet: host and group names from the inventory (jts-fleet __complete hosts)
            _jts_fleet_complete() {
                local line=${COMP_LINE:0:$COMP_POINT} cur prev value inventory=() i colon
                # the word under the cursor and the one before it, split on blanks only (patterns hold ':')
                cur=${line##*[[:space:]]}
                line=${line%"$cur"}
                line=${line%"${line##*[![:space:]]}"}
                prev=${line##*[[:space:]]}
                for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
                    case ${COMP_WORDS[i]} in
                        --inventory) inventory=(--inventory "${COMP_WORDS[i+1]}") ;;
                        --inventory=*) inventory=(--inventory "${COMP_WORDS[i]#--inventory=}") ;;
                    esac
                done
                case $cur in
                    --hosts=* | --limit=* | --host=*) value=${cur#*=} ;;
                    *) case $prev in -H | --hosts | --limit | --host) value=$cur ;; *) _complete_jts-fleet "$@"; return ;; esac ;;
                esac
                local IFS=$'\n'
                COMPREPLY=($(command "${COMP_WORDS[0]}" __complete hosts "${inventory[@]}" -- "$value" 2>/dev/null))
                # bash replaces only the text after the last word break: drop what comes before it
                if [[ $value == *:* && $COMP_WORDBREAKS == *:* ]]; then
                    colon=${value%"${value##*:}"}
                    COMPREPLY=("${COMPREPLY[@]#"$colon"}")
                fi
                return 0
            }
            complete -F _jts_fleet_complete jts-fleet
            """;
}
