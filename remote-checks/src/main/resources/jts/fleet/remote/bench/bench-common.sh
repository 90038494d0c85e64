# jts-fleet bench prelude: BenchScripts.text() puts this after the first line of bench.sh, bench-devices.sh and
# bench-cleanup.sh: their framed output and the targets and run ids they refuse (the controller checks them
# first: BenchTarget.checkPath, BenchTarget.checkRunId). Definitions only: nothing here runs or reads anything.

# emit NAME TEXT: one framed section of the output; fail CODE MESSAGE: an error section, then exit CODE.
# shellcheck disable=SC2317
emit() { printf '@@section %s\n%s\n@@end\n' "$1" "$2"; }
# shellcheck disable=SC2317
fail() { code=$1; shift; emit error "$*"; exit "$code"; }

# bench_args_problem TARGET RUNID: prints why TARGET (a directory or a /dev path) or RUNID is refused, nothing
# when both are fine.
# shellcheck disable=SC2317
bench_args_problem() {
    case $1 in
        /*) ;;
        *) echo "target must be an absolute path"; return ;;
    esac
    case $1 in
        */../*|*/..|*/./*|*[![:print:]]*) echo "target must not contain '..', '.' or control characters"; return ;;
    esac
    case $2 in ''|*[!A-Za-z0-9-]*) echo "run id must match [A-Za-z0-9-]+" ;; esac
}
