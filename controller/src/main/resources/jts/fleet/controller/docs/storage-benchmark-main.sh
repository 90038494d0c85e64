# ---- storage-benchmark: main part (fixed text; jts_bench above is the controller's own bench.sh, the profiles
# are the controller's job files)
usage() {
    cat <<USAGE
usage: storage-benchmark.sh [--profile NAME,...|baseline|quick|db|all] [--runtime SECONDS] [--size SIZE] [MOUNT...]
  Runs fio with direct I/O (where the filesystem accepts O_DIRECT) in a private directory under each MOUNT and
  prints one JSON document on stdout; progress goes to stderr. The directory is removed at the end, on error
  and on Ctrl-C/SIGTERM. Without MOUNT: every mounted directory of the embedded JTS tiers.
  defaults: --profile baseline --runtime 10 --size 256m     profiles: $jts_profile_names
  Not during trading hours: this loads the disk.
USAGE
}

profiles_arg=baseline
runtime=10
size_arg=256m
while [ "$#" -gt 0 ]; do
    case $1 in
        --profile | --runtime | --size)
            [ "$#" -ge 2 ] || { usage >&2; exit 2; }
            case $1 in
                --profile) profiles_arg=$2 ;;
                --runtime) runtime=$2 ;;
                --size) size_arg=$2 ;;
            esac
            shift 2 ;;
        -h | --help) usage; exit 0 ;;
        --) shift; break ;;
        -*) echo "storage-benchmark: unknown option: $1" >&2; usage >&2; exit 2 ;;
        *) break ;;
    esac
done

case $runtime in
    '' | *[!0-9]*) echo "storage-benchmark: --runtime must be whole seconds" >&2; exit 2 ;;
esac
if [ "$runtime" -lt 1 ] || [ "$runtime" -gt 3600 ]; then
    echo "storage-benchmark: --runtime $runtime is out of range 1..3600" >&2
    exit 2
fi
size_number=${size_arg%[kKmMgG]}
case $size_number in
    '' | *[!0-9]*) echo "storage-benchmark: --size \"$size_arg\" is not a number with an optional k/m/g unit" >&2; exit 2 ;;
esac
case $size_arg in
    *[kK]) size=$((size_number * 1024)) ;;
    *[mM]) size=$((size_number * 1048576)) ;;
    *[gG]) size=$((size_number * 1073741824)) ;;
    *) size=$size_number ;;
esac
if [ "$size" -lt 1048576 ]; then
    echo "storage-benchmark: --size must be at least 1m" >&2
    exit 2
fi

case $profiles_arg in
    baseline) profiles=$jts_suite_baseline ;;
    quick) profiles=$jts_suite_quick ;;
    db) profiles=$jts_suite_db ;;
    all) profiles=$jts_suite_all ;;
    '' | *[!a-z0-9.,_-]*) echo "storage-benchmark: --profile takes names separated by commas" >&2; exit 2 ;;
    *) profiles=$(printf '%s' "$profiles_arg" | tr ',' ' ') ;;
esac
factor_max=0
for p in $profiles; do
    factor=$(jts_profile_factor "$p") || { echo "storage-benchmark: unknown profile \"$p\" (known: $jts_profile_names)" >&2; exit 2; }
    [ "$factor" -le "$factor_max" ] || factor_max=$factor
done
required=$((factor_max * size))

if [ "$#" -eq 0 ]; then
    targets=$(jts_tier_mounts | while read -r tier mount; do
        if awk -v m="$mount" '$5 == m { found = 1 } END { exit !found }' /proc/self/mountinfo; then
            printf '%s %s\n' "$tier" "$mount"
        fi
    done)
    if [ -z "$targets" ]; then
        echo "storage-benchmark: no tier mount of the embedded policy is mounted here; name the mounts to test" >&2
        exit 2
    fi
else
    targets=$(for mount in "$@"; do printf -- '- %s\n' "$mount"; done)
fi

work=$(work_dir storage-benchmark) || exit 1
child=
# shellcheck disable=SC2317  # run from the traps
on_exit() {
    if [ -n "$child" ]; then
        # The background job is a fork that waits for the function's own subshell, where bench.sh's traps live:
        # signal that subshell (it kills its fio and removes its run directory), then wait for the job, so
        # nothing is left when this script exits.
        pkill -TERM -P "$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    rm -rf -- "$work"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

for p in $profiles; do
    printf '@@profile %s\n' "$p"
    jts_profile_jobfile "$p"
done > "$work/jobs"
JTS_SIZE=$size
JTS_RUNTIME=$runtime
export JTS_SIZE JTS_RUNTIME

json_string() {
    printf '%s' "$1" | awk 'BEGIN { ORS = "" } {
        gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r"); gsub(/[\001-\037]/, "")
        if (NR > 1) printf "\\n"
        printf "%s", $0 }'
}

status=0
n=0
{
    printf '{"tool":"storage-benchmark.sh","generated_from":"%s","host":"%s","kernel":"%s","time":"%s",' \
        "$jts_generated_from" "$(json_string "$(uname -n)")" "$(json_string "$(uname -r)")" \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '"runtime_s":%s,"size_bytes":%s,"profiles":[' "$runtime" "$size"
    sep=
    for p in $profiles; do printf '%s"%s"' "$sep" "$p"; sep=,; done
    printf '],"targets":['
} > "$work/out.json"

while read -r tier mount; do
    [ -n "$mount" ] || continue
    n=$((n + 1))
    echo "storage-benchmark: $mount (tier $tier): $profiles, ${runtime}s each" >&2
    rc=0
    # shellcheck disable=SC2086  # profile names are checked words above, split on purpose
    jts_bench "$mount" "standalone-$$-$n" "$runtime" "$required" $profiles < "$work/jobs" > "$work/framed" &
    child=$!
    wait "$child" || rc=$?
    child=
    [ "$rc" -eq 0 ] || status=1
    [ "$n" -eq 1 ] || printf ',' >> "$work/out.json"
    printf '{"mount":"%s","tier":"%s","exit":%s,' "$(json_string "$mount")" "$(json_string "$tier")" "$rc" \
        >> "$work/out.json"
    # framed bench.sh output -> JSON: meta/error as strings, fio documents embedded unmodified
    awk '
        function js(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s); gsub(/[\001-\037]/, "", s); return s }
        function flush_text(name, text) { if (text != "" || name == "error") texts[name] = text }
        /^@@section / {
            sec = $2; key = $3; body = ""; seen_brace = 0
            if (sec == "fio") { np++; pname[np] = key; fio[key] = "" }
            next
        }
        $0 == "@@end" {
            if (sec == "meta") meta = body
            else if (sec == "error") err = body
            else if (sec == "fio-stderr") ferr[key] = body
            else if (sec == "fio-exit") {
                n = split(body, kv, /\\n/)
                for (i = 1; i <= n; i++) { j = index(kv[i], "="); v[substr(kv[i], 1, j - 1)] = substr(kv[i], j + 1) + 0 }
                fexit[key] = v["exit"]; flayout[key] = v["layout_done_ms"] - v["start_ms"]; fwall[key] = v["end_ms"] - v["start_ms"]
            }
            sec = ""
            next
        }
        sec == "fio" {
            if (!seen_brace && $0 !~ /^[ \t]*\{/) next   # fio may print warnings before the document
            seen_brace = 1; fio[key] = fio[key] $0 "\n"; next
        }
        sec != "" { body = (body == "" ? "" : body "\\n") js($0) }
        END {
            printf "\"meta\":{"
            n = split(meta, kv, /\\n/); s = ""
            for (i = 1; i <= n; i++) { j = index(kv[i], "="); if (j == 0) continue
                printf "%s\"%s\":\"%s\"", s, substr(kv[i], 1, j - 1), substr(kv[i], j + 1); s = "," }
            printf "},\"error\":%s,\"results\":[", (err == "" ? "null" : "\"" err "\"")
            for (i = 1; i <= np; i++) {
                p = pname[i]
                printf "%s{\"profile\":\"%s\",\"exit\":%d,\"layout_ms\":%d,\"fio_wall_ms\":%d,\"stderr\":\"%s\",\"fio\":%s}", \
                    (i > 1 ? "," : ""), p, fexit[p], flayout[p], fwall[p], ferr[p], (fio[p] == "" ? "null" : fio[p])
            }
            printf "]}"
        }
    ' "$work/framed" >> "$work/out.json"
done <<TARGETS
$targets
TARGETS

printf ']}\n' >> "$work/out.json"
cat -- "$work/out.json"
exit "$status"
