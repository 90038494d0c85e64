#!/bin/sh
# jts-metrics: node_exporter textfile metrics for jts-fleet (tier identity, mounts, tuning drift, NVMe health,
# latency canary). Fixed script pushed by `jts-fleet monitor install`, run every minute by jts-metrics.timer.
# Everything host-specific is in the config file ($1), rendered by jts-fleet; nothing from it is ever
# evaluated as shell: names are re-validated here before they reach a path or a command argument.
# TRIM run metrics are written by the trim script into its own textfile; this one only says since when each
# mount has been configured for TRIM (the trim config's change time), so "never trimmed" can be alerted even
# when the timer never ran.
set -u
umask 022
LC_ALL=C
export LC_ALL
# shellcheck disable=SC2034  # read by die (host prelude)
prog=jts-metrics
conf=${1:-/etc/jts-fleet/metrics.conf}
[ -r "$conf" ] || die 2 "cannot read config $conf"

tab=$(printf '\t')
textfile_dir=/var/lib/prometheus/node-exporter
state_dir=/var/lib/jts-fleet/metrics
sysroot=
health_poll_seconds=600
health_tool=auto
while IFS=$tab read -r key value _rest; do
    case $key in
        textfile_dir) textfile_dir=$value ;;
        state_dir) state_dir=$value ;;
        sysroot) sysroot=$value ;;
        health_poll_seconds) health_poll_seconds=$value ;;
        health_tool) health_tool=$value ;;
    esac
done < "$conf"
# the sysroot goes into paths and awk -v: judged by the host prelude's one rule, as in every script that takes one
use_sysroot jts-metrics
case $health_poll_seconds in
    '' | *[!0-9]*) die 2 "$conf: health_poll_seconds \"$health_poll_seconds\" is not a number" ;;
esac
for dir in "$textfile_dir" "$state_dir"; do
    case $dir in
        /*) ;;
        *) die 2 "$conf: \"$dir\" is not an absolute path" ;;
    esac
done
mkdir -p "$state_dir" "$textfile_dir" || exit 1

start=$(date +%s)
out="$textfile_dir/.jts_storage.prom.$$"
trap 'rm -f "$out" "$state_dir/.health.prom.$$" "$state_dir/.canary.state.$$"' EXIT
trap 'exit 1' HUP INT TERM

# --- blackout: never poll SMART while the market is open (polling costs I/O latency, smartmontools#158)
# line: blackout <TAB> zone <TAB> days (1=Mon..7=Sun, comma list) <TAB> HHMM from <TAB> HHMM to
in_blackout=0
while IFS=$tab read -r key zone days from to; do
    [ "$key" = blackout ] || continue
    case "$zone" in
        '' | *[!A-Za-z0-9/_+-]*) printf 'jts-metrics: %s: bad blackout zone "%s"\n' "$conf" "$zone" >&2; continue ;;
    esac
    case "$days:$from:$to" in
        *[!0-9,:]* | *:*:*:* | :* | *:) printf 'jts-metrics: %s: bad blackout line\n' "$conf" >&2; continue ;;
    esac
    if [ ${#from} -ne 4 ] || [ ${#to} -ne 4 ]; then
        printf 'jts-metrics: %s: blackout times must be HHMM\n' "$conf" >&2
        continue
    fi
    if in_window "$days" "$from" "$to" "$(TZ=$zone date +'%u %H%M')"; then
        in_blackout=1
    fi
done < "$conf"

# --- NVMe health, polled rarely; the last result is kept in the state dir and re-emitted every run
health_prom="$state_dir/health.prom"
last_poll=0
if [ -r "$state_dir/health.last" ]; then
    read -r last_poll < "$state_dir/health.last" || last_poll=0
    case $last_poll in '' | *[!0-9]*) last_poll=0 ;; esac
fi
if [ "$in_blackout" = 0 ] && [ $(( start - last_poll )) -ge "$health_poll_seconds" ]; then
    tool=$health_tool
    if [ "$tool" = auto ]; then
        if command -v nvme >/dev/null 2>&1; then tool=nvme; elif command -v smartctl >/dev/null 2>&1; then tool=smartctl; else tool=none; fi
    fi
    : > "$state_dir/.health.prom.$$"
    while IFS=$tab read -r key dev _rest; do
        [ "$key" = health ] || continue
        valid_device "$dev" || { printf 'jts-metrics: %s: bad health device "%s"\n' "$conf" "$dev" >&2; continue; }
        json="$state_dir/.smart-$dev.json"
        : > "$json"
        status=0
        case $tool in
            nvme) timeout 20 nvme smart-log -o json "/dev/$dev" > "$json" 2>/dev/null || status=$? ;;
            # smartctl's exit status is a bitmask: only bits 0-1 mean "no data" (command line, open failed)
            smartctl) timeout 20 smartctl -j -a "/dev/$dev" > "$json" 2>/dev/null || status=$(( $? & 3 )) ;;
            *) status=127 ;;
        esac
        awk -v dev="$dev" -v status="$status" -v tool="$tool" '
            { text = text $0 }
            END {
                gsub(/[ \t\r\n]/, "", text)
                # smartctl: the NVMe log object holds the values; its top-level "temperature" is another shape
                i = index(text, "\"nvme_smart_health_information_log\":{")
                if (i > 0) { text = substr(text, i); text = substr(text, 1, index(text, "}")) }
                cw = num(text, "critical_warning")
                # nvme-cli 2.x nests decoded bits (one named available_spare) under critical_warning: drop them
                sub(/"critical_warning":\{[^}]*\}/, "", text)
                used = num(text, "percent_used|percentage_used")
                spare = num(text, "avail_spare|available_spare"); thresh = num(text, "spare_thresh|available_spare_threshold")
                media = num(text, "media_errors"); temp = num(text, "temperature")
                if (status != 0 || cw == "" || used == "") {
                    printf "jts_nvme_health_up{device=\"%s\",tool=\"%s\"} 0\n", dev, tool
                    exit
                }
                printf "jts_nvme_health_up{device=\"%s\",tool=\"%s\"} 1\n", dev, tool
                printf "jts_nvme_percentage_used{device=\"%s\"} %s\n", dev, used
                # spare values are percent in the log; ratios are the Prometheus convention
                if (spare != "") printf "jts_nvme_available_spare_ratio{device=\"%s\"} %s\n", dev, spare / 100
                if (thresh != "") printf "jts_nvme_available_spare_threshold_ratio{device=\"%s\"} %s\n", dev, thresh / 100
                if (media != "") printf "jts_nvme_media_errors_total{device=\"%s\"} %s\n", dev, media
                # the log stores Kelvin; old nvme-cli printed it raw, newer prints Celsius: no disk runs at 200 C
                if (temp != "") printf "jts_nvme_temperature_celsius{device=\"%s\"} %s\n", dev, (temp >= 200 ? temp - 273 : temp)
                split("spare temperature reliability read_only volatile_memory_backup pmr_read_only", bit, " ")
                for (b = 0; b < 6; b++)
                    printf "jts_nvme_critical_warning{device=\"%s\",bit=\"%s\"} %d\n", dev, bit[b + 1], int(cw / 2 ^ b) % 2
            }
            # first number after "key": (plain, or the "value" of an object as in nvme-cli 2.x)
            function num(s, keys,    n, k, i, rest) {
                n = split(keys, k, "|")
                for (i = 1; i <= n; i++) {
                    if (match(s, "\"" k[i] "\":(\\{\"value\":)?\"?-?[0-9]+(\\.[0-9]+)?")) {
                        rest = substr(s, RSTART + length(k[i]) + 3, RLENGTH - length(k[i]) - 3)
                        sub(/^\{"value":/, "", rest); sub(/^"/, "", rest)
                        return rest + 0
                    }
                }
                return ""
            }' "$json" >> "$state_dir/.health.prom.$$"
        rm -f "$json"
    done < "$conf"
    mv -f "$state_dir/.health.prom.$$" "$health_prom"
    echo "$start" > "$state_dir/health.last"
fi

# --- latency canary: one 4 KiB O_DIRECT read per opted-in mount, kept as a cumulative histogram
canary_state="$state_dir/canary.state"
[ -f "$canary_state" ] || : > "$canary_state"
canary_runs=
while IFS=$tab read -r key mnt tier _rest; do
    [ "$key" = canary ] || continue
    case $mnt in
        /*) ;;
        *) printf 'jts-metrics: %s: canary mount "%s" is not absolute\n' "$conf" "$mnt" >&2; continue ;;
    esac
    case $mnt$tier in
        *[!A-Za-z0-9/._:+-]*) printf 'jts-metrics: %s: bad canary line for "%s"\n' "$conf" "$mnt" >&2; continue ;;
    esac
    file="$mnt/.jts-canary"
    if [ ! -s "$file" ]; then
        # written once; reads of never-written extents are not real reads (fio#719)
        dd if=/dev/urandom of="$file" bs=4096 count=1 conv=fsync 2>/dev/null || true
    fi
    # dd reports its own elapsed time ("... copied, 0.000123 s, ..."): no sub-second clock needed in sh
    seconds=$(dd if="$file" of=/dev/null bs=4096 count=1 iflag=direct 2>&1 \
        | awk '/copied/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^s,?$/) { print $i; exit } }')
    case $seconds in
        '' | *[!0-9.e-]*) seconds=fail ;;
    esac
    canary_runs="$canary_runs$mnt$tab$tier$tab$seconds
"
done < "$conf"
printf '%s' "$canary_runs" | awk -F'\t' -v state="$canary_state" -v tmp="$state_dir/.canary.state.$$" '
    function damaged(n) { printf "jts-metrics: %s line %d is not a whole record: its histogram restarts\n", state, n > "/dev/stderr" }
    BEGIN {
        nb = split("0.0001 0.00025 0.0005 0.001 0.0025 0.005 0.01 0.025 0.05 0.1 0.25 1", le, " ")
        # a record is whole or ignored: it ends with the field "end" (lines of older versions have none) and
        # its numbers must make a histogram (counts whole, buckets rising, none above the count); a cut or
        # damaged line restarts its histogram (a counter reset to Prometheus) instead of being misread
        lineno = 0
        while ((getline line < state) > 0) {
            lineno++
            n = split(line, f, "\t")
            if (n != nb + 4 && !(n == nb + 5 && f[n] == "end")) { damaged(lineno); continue }
            ok = f[3] ~ /^[0-9]+$/ && f[4] ~ /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/
            for (b = 1; ok && b <= nb; b++)
                ok = f[4 + b] ~ /^[0-9]+$/ && (b == 1 || f[4 + b] + 0 >= f[3 + b] + 0) && f[4 + b] + 0 <= f[3] + 0
            if (!ok) { damaged(lineno); continue }
            key = f[1] "\t" f[2]; keys[key] = 1; count[key] = f[3]; sum[key] = f[4]
            for (b = 1; b <= nb; b++) bucket[key, b] = f[4 + b]
        }
        close(state)
    }
    NF == 3 {
        key = $1 "\t" $2
        if (!(key in keys)) { keys[key] = 1; count[key] = 0; sum[key] = 0; for (b = 1; b <= nb; b++) bucket[key, b] = 0 }
        up[key] = ($3 != "fail")
        if ($3 == "fail") next
        count[key]++; sum[key] += $3
        for (b = 1; b <= nb; b++) if ($3 + 0 <= le[b] + 0) bucket[key, b]++
    }
    END {
        for (key in keys) {
            if (!(key in up)) continue   # mount no longer configured: forget it
            line = key "\t" count[key] "\t" sum[key]
            for (b = 1; b <= nb; b++) line = line "\t" bucket[key, b]
            print line "\tend" > tmp
        }
        close(tmp)
    }'
if [ -f "$state_dir/.canary.state.$$" ]; then
    mv -f "$state_dir/.canary.state.$$" "$canary_state"
else
    : > "$canary_state"
fi

# --- since when TRIM is configured: the mtime of the trim config (rewritten only when it changes)
trim_conf=$sysroot/etc/jts-fleet/trim.conf
trim_conf_mtime=
if [ -f "$trim_conf" ]; then
    trim_conf_mtime=$(stat -c %Y "$trim_conf" 2>/dev/null || true)
    case $trim_conf_mtime in *[!0-9]*) trim_conf_mtime= ;; esac
fi

# --- everything else from config + sysfs in one awk, then the kept fragments, then one atomic rename
awk -F'\t' -v sysroot="$sysroot" -v health="$health_prom" -v canary="$canary_state" -v start="$start" \
    -v canary_runs="$canary_runs" -v in_blackout="$in_blackout" -v trim_conf="$trim_conf" \
    -v trim_conf_mtime="$trim_conf_mtime" '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\n/, "\\n", s); return s }
    function family(name, type, help) { print "# HELP " name " " help; print "# TYPE " name " " type }
    function actual_value(dev, attr,    path, line, v) {
        path = sysroot "/sys/block/" dev "/queue/" attr
        if ((getline line < path) <= 0) { close(path); return "" }
        close(path)
        # multiple-choice files (scheduler) mark the active value in brackets
        if (match(line, /\[[^]]*\]/)) return substr(line, RSTART + 1, RLENGTH - 2)
        v = line; sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
        return v
    }
    $1 == "device" && $2 ~ /^[A-Za-z0-9._:+-]+$/ { ndev++; dev[ndev] = $0 }
    $1 == "mount" { nmnt++; mnt[nmnt] = $0 }
    $1 == "queue" && $2 ~ /^[A-Za-z0-9._:+-]+$/ && $3 ~ /^[a-z_]+$/ { nq++; q[nq] = $0 }
    END {
        family("jts_device_info", "gauge", "Block device identity and jts-fleet tier (always 1).")
        for (i = 1; i <= ndev; i++) {
            split(dev[i], f, "\t")
            printf "jts_device_info{device=\"%s\",tier=\"%s\",class=\"%s\",model=\"%s\",serial=\"%s\",wwn=\"%s\"} 1\n", esc(f[2]), esc(f[3]), esc(f[4]), esc(f[5]), esc(f[6]), esc(f[7])
        }
        mounts = sysroot "/proc/mounts"
        while ((getline line < mounts) > 0) { split(line, m, " "); gsub(/\\040/, " ", m[2]); mounted[m[2]] = 1 }
        close(mounts)
        family("jts_mount_info", "gauge", "Mounted filesystem with its device and jts-fleet tier (always 1).")
        for (i = 1; i <= nmnt; i++) {
            split(mnt[i], f, "\t")
            if (!(f[2] in mounted)) continue
            printf "jts_mount_info{mountpoint=\"%s\",device=\"%s\",tier=\"%s\",fstype=\"%s\"} 1\n", esc(f[2]), esc(f[3]), esc(f[4]), esc(f[5])
        }
        family("jts_tuning_drift", "gauge", "1 when a block queue attribute differs from the policy value.")
        drift = 0
        for (i = 1; i <= nq; i++) {
            split(q[i], f, "\t")
            actual = actual_value(f[2], f[3])
            if (actual == "") actual = "unreadable"
            d = (actual != f[4]) ? 1 : 0
            drift += d
            printf "jts_tuning_drift{device=\"%s\",attribute=\"%s\",expected=\"%s\",actual=\"%s\"} %d\n", esc(f[2]), esc(f[3]), esc(f[4]), esc(actual), d
        }
        family("jts_tuning_drifted_attributes", "gauge", "Number of block queue attributes that differ from the policy (a gauge, so no _total suffix).")
        print "jts_tuning_drifted_attributes " drift
        # health fragment: group lines per family so each family is contiguous
        nh = 0
        while ((getline line < health) > 0) { nh++; h[nh] = line }
        close(health)
        split("jts_nvme_health_up jts_nvme_percentage_used jts_nvme_available_spare_ratio jts_nvme_available_spare_threshold_ratio jts_nvme_media_errors_total jts_nvme_temperature_celsius jts_nvme_critical_warning", fam, " ")
        split("gauge gauge gauge gauge counter gauge gauge", ftype, " ")
        fhelp[1] = "1 when the last SMART/health poll of the device succeeded."
        fhelp[2] = "Vendor estimate of the device endurance used, percent (may exceed 100)."
        fhelp[3] = "Remaining spare capacity, 0..1."
        fhelp[4] = "Spare capacity threshold below which the device warns, 0..1."
        fhelp[5] = "Unrecovered data integrity errors over the device lifetime."
        fhelp[6] = "Composite temperature in degrees Celsius."
        fhelp[7] = "1 when the critical warning bit is set in the SMART log."
        for (k = 1; k <= 7; k++) {
            printed = 0
            for (i = 1; i <= nh; i++) {
                if (index(h[i], fam[k] "{") != 1) continue
                if (!printed) { family(fam[k], ftype[k], fhelp[k]); printed = 1 }
                print h[i]
            }
        }
        nb = split("0.0001 0.00025 0.0005 0.001 0.0025 0.005 0.01 0.025 0.05 0.1 0.25 1", le, " ")
        nc = 0
        while ((getline line < canary) > 0) { nc++; c[nc] = line }
        close(canary)
        if (nc > 0) {
            family("jts_canary_read_seconds", "histogram", "Time of one 4 KiB O_DIRECT read of a file on the mount.")
            for (i = 1; i <= nc; i++) {
                split(c[i], f, "\t")
                lbl = "mountpoint=\"" esc(f[1]) "\",tier=\"" esc(f[2]) "\""
                for (b = 1; b <= nb; b++) printf "jts_canary_read_seconds_bucket{%s,le=\"%s\"} %d\n", lbl, le[b], f[4 + b]
                printf "jts_canary_read_seconds_bucket{%s,le=\"+Inf\"} %d\n", lbl, f[3]
                printf "jts_canary_read_seconds_sum{%s} %.6f\n", lbl, f[4]
                printf "jts_canary_read_seconds_count{%s} %d\n", lbl, f[3]
            }
            family("jts_canary_up", "gauge", "1 when the last canary read succeeded (0: O_DIRECT refused or I/O error).")
            n = split(canary_runs, runs, "\n")
            for (i = 1; i <= n; i++) {
                if (split(runs[i], f, "\t") != 3) continue
                printf "jts_canary_up{mountpoint=\"%s\",tier=\"%s\"} %d\n", esc(f[1]), esc(f[2]), (f[3] == "fail" ? 0 : 1)
            }
        }
        if (trim_conf_mtime != "") {
            family("jts_trim_configured_timestamp_seconds", "gauge", "Since when the mount is configured for TRIM (the trim config last changed).")
            while ((getline line < trim_conf) > 0) {
                if (substr(line, 1, 6) != "mount ") continue
                printf "jts_trim_configured_timestamp_seconds{mount=\"%s\"} %s\n", esc(substr(line, 7)), trim_conf_mtime
            }
            close(trim_conf)
        }
        family("jts_metrics_blackout", "gauge", "1 while a maintenance blackout window (trading hours) is open.")
        print "jts_metrics_blackout " in_blackout
        family("jts_metrics_last_run_timestamp_seconds", "gauge", "When jts-metrics last wrote this file.")
        print "jts_metrics_last_run_timestamp_seconds " start
    }' "$conf" > "$out" || exit 1
mv -f "$out" "$textfile_dir/jts_storage.prom"
