#!/bin/sh
# monitor-run-once: runs the installed jts-metrics now and prints what it wrote, after a status line
# "@@jts-metrics exit N". Exit 3 with "@@jts-metrics not-installed" when script or config is missing.
set -u
LC_ALL=C
export LC_ALL
script=/usr/local/libexec/jts-fleet/jts-metrics
conf=/etc/jts-fleet/metrics.conf
if [ ! -x "$script" ] || [ ! -r "$conf" ]; then
    echo "@@jts-metrics not-installed"
    exit 3
fi
status=0
"$script" "$conf" || status=$?
echo "@@jts-metrics exit $status"
dir=$(awk -F'\t' '$1 == "textfile_dir" { print $2; exit }' "$conf")
cat -- "${dir:-/var/lib/prometheus/node-exporter}/jts_storage.prom"
