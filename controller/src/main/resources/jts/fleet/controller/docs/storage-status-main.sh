# ---- storage-status: main part (fixed text; the functions above are the controller's own host scripts)
usage() {
    cat <<'USAGE'
usage: storage-status.sh [--interval SECONDS] [--no-io] [--raw]
  Shows block devices (scheduler, read-ahead, TRIM support), mounts with online discard, TRIM timers and the
  last TRIM per mount, and an iostat-like I/O snapshot over SECONDS (default 1).
  --raw   print the gather script's raw output (for bug reports: jts-fleet reads it) and exit
  Read-only. Run as root to see every attribute.
USAGE
}

interval=1
show_io=1
raw=0
while [ "$#" -gt 0 ]; do
    case $1 in
        --interval)
            [ "$#" -ge 2 ] || { usage >&2; exit 2; }
            interval=$2
            shift 2 ;;
        --no-io) show_io=0; shift ;;
        --raw) raw=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "storage-status: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case $interval in
    '' | *[!0-9]* | 0) echo "storage-status: --interval must be a whole number of seconds >= 1" >&2; exit 2 ;;
esac

# "/" = the real root (the gather script also reads fixture trees in tests)
gathered=$(jts_gather /) || { echo "storage-status: gather failed" >&2; exit 1; }
if [ "$raw" -eq 1 ]; then
    printf '%s\n' "$gathered"
    exit 0
fi

# The raw form: directives ("B DEV" per whole disk), "@@reads", then grep's "PATH:CONTENT" lines; attribute
# paths are relative to /sys/block (DEV/ATTRIBUTE), the others absolute. jts-fleet's GatherAssembler frames it.
uid=$(id -u)
printf '%s\n' "$gathered" | awk -v uid="$uid" '
    function val(key) { return (key in a) ? a[key] : "" }
    function active(s) { if (match(s, /\[[^]]*\]/)) return substr(s, RSTART + 1, RLENGTH - 2); return s == "" ? "-" : s }
    function dash(s) { return s == "" ? "-" : s }
    $0 == "@@reads" { reads = 1; next }
    !reads && /^B / { disks[++n] = substr($0, 3); next }
    reads {
        i = index($0, ":")
        if (i > 0 && !(substr($0, 1, i - 1) in a)) a[substr($0, 1, i - 1)] = substr($0, i + 1)
    }
    END {
        printf "host %s  kernel %s  uid %s\n", val("/proc/sys/kernel/hostname"), val("/proc/sys/kernel/osrelease"), uid
        if (uid != "0") print "note: not root: some attributes (serial, write_cache) may be unreadable"
        print ""
        printf "%-12s %-4s %-13s %-22s %8s %8s %10s %-9s %s\n", "DEVICE", "ROT", "SCHEDULER", "AVAILABLE", \
            "RA_KB", "NR_REQ", "WBT_USEC", "TRIM", "MODEL"
        for (k = 1; k <= n; k++) {
            dev = disks[k]
            if (val(dev "/size") == "0" || val(dev "/hidden") == "1") continue
            sched = val(dev "/queue/scheduler")
            avail = sched; gsub(/[][]/, "", avail)
            dmax = val(dev "/queue/discard_max_bytes")
            trim = (dmax == "" ? "-" : (dmax == "0" ? "no" : "yes"))
            model = val(dev "/device/model"); gsub(/[ \t]+$/, "", model)
            printf "%-12s %-4s %-13s %-22s %8s %8s %10s %-9s %s\n", dev, dash(val(dev "/queue/rotational")), \
                active(sched), dash(avail), dash(val(dev "/queue/read_ahead_kb")), dash(val(dev "/queue/nr_requests")), \
                dash(val(dev "/queue/wbt_lat_usec")), trim, dash(model)
        }
    }
'
echo
echo "Mounts backed by block devices (online discard doubles a TRIM timer's work):"
# mountinfo: 5th field mount point, 6th mount options, after " - ": fstype, source, super options
printf '%s\n' "$gathered" | awk '
    $0 == "@@reads" { reads = 1; next }
    reads && index($0, "/proc/self/mountinfo:") == 1 {
        $0 = substr($0, length("/proc/self/mountinfo:") + 1)
        split($3, mm, ":")
        for (i = 7; i <= NF; i++) if ($i == "-") break
        fstype = $(i + 1); source = $(i + 2); opts = $6 "," $(i + 3)
        if (mm[1] == 0 && fstype !~ /^(nfs|nfs4|cifs|smb3)$/) next
        if (seen[$3 SUBSEP $5]++) next
        discard = (opts ~ /(^|,)discard(=[a-z]+)?(,|$)/) ? "online-discard" : "-"
        ro = (opts ~ /(^|,)ro(,|$)/) ? "ro" : "rw"
        gsub(/\\040/, " ", $5)
        printf "  %-32s %-6s %-24s %-3s %s\n", $5, fstype, source, ro, discard
    }
'
echo
echo "TRIM timers:"
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    for timer in jts-fstrim.timer fstrim.timer; do
        enabled=$(systemctl is-enabled "$timer" 2>/dev/null) || true
        active=$(systemctl is-active "$timer" 2>/dev/null) || true
        next=$(systemctl show -p NextElapseUSecRealtime --value "$timer" 2>/dev/null) || true
        printf '  %-18s enabled=%-9s active=%-9s next=%s\n' "$timer" "${enabled:-unknown}" "${active:-unknown}" \
            "${next:--}"
    done
else
    echo "  systemd is not running here: no timers (a cron job or the controller must run TRIM)"
fi
echo
echo "Last TRIM per mount (/var/lib/jts-fleet/trim.jsonl, written by jts-fstrim):"
jts_trim_status | awk '
    /^next / { next }
    {
        m = $0; sub(/.*"mount":"/, "", m); sub(/".*/, "", m)
        t = $0; sub(/.*"time":"/, "", t); sub(/".*/, "", t)
        r = $0; sub(/.*"result":"/, "", r); sub(/".*/, "", r)
        b = $0; sub(/.*"bytes":/, "", b); sub(/,.*/, "", b)
        if (m == "" || m == $0) next
        if (!(m in last)) order[++n] = m
        last[m] = sprintf("%-20s %-8s %s bytes", t, r, b)
    }
    END {
        if (n == 0) print "  no record: jts-fstrim never ran here (or trim.jsonl is unreadable)"
        for (i = 1; i <= n; i++) printf "  %-32s %s\n", order[i], last[order[i]]
    }
'

[ "$show_io" -eq 1 ] || exit 0
echo
echo "I/O snapshot over ${interval}s (iostat -x semantics; %util is meaningless for NVMe/SSD, which serve many I/Os at once):"
before=$(jts_diskstats "") || exit 1
sleep "$interval"
after=$(jts_diskstats "") || exit 1
printf '%s\n@@after\n%s\n' "$before" "$after" | awk '
    $0 == "@@after" { phase = 2; line = 0; next }
    { line++ }
    line == 1 { up[phase == 2 ? 2 : 1] = $1; next }
    NF >= 14 {
        k = $3
        if (phase == 2) { if (k in rd) { n++; name[n] = k; r2[k] = $4; rs2[k] = $6; rt2[k] = $7; w2[k] = $8; ws2[k] = $10; wt2[k] = $11; io2[k] = $13 } }
        else { rd[k] = $4; rs[k] = $6; rt[k] = $7; wr[k] = $8; ws[k] = $10; wt[k] = $11; io[k] = $13 }
    }
    END {
        dt = up[2] - up[1]
        if (dt <= 0) dt = 1
        printf "  %-12s %9s %9s %10s %10s %9s %9s %7s\n", "DEVICE", "r/s", "w/s", "rkB/s", "wkB/s", "r_await", "w_await", "%util"
        shown = 0
        for (i = 1; i <= n; i++) {
            k = name[i]
            dr = r2[k] - rd[k]; dw = w2[k] - wr[k]
            if (dr < 0 || dw < 0) continue
            if (dr == 0 && dw == 0) continue
            shown++
            printf "  %-12s %9.1f %9.1f %10.1f %10.1f %9.2f %9.2f %7.1f\n", k, dr / dt, dw / dt, \
                (rs2[k] - rs[k]) / 2 / dt, (ws2[k] - ws[k]) / 2 / dt, \
                (dr > 0 ? (rt2[k] - rt[k]) / dr : 0), (dw > 0 ? (wt2[k] - wt[k]) / dw : 0), \
                (io2[k] - io[k]) / (dt * 10)
        }
        if (shown == 0) print "  (no device completed an I/O in the interval)"
    }
'
