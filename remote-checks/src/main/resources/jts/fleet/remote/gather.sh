#!/bin/sh
# jts-fleet gather: everything the storage model needs, in ONE round trip, read-only.
#
# Usage: gather.sh [SYSROOT]   SYSROOT prefixes every path read (fixture trees in tests); default "/".
#
# Output framing (parsed by jts.fleet.remote.model.GatherParser):
#   @@jts-gather 1
#   @@section <name> [<key>]
#   <content>
#   @@end
#   ...
#   @@done                      <- trailer: without it the output was truncated
# Content lines that begin with "@" or "\" get one extra leading "\" so content can never look like a
# frame line; the parser removes it.
#
# Cost: no process per device (sysfs is read with the `read` builtin, links are resolved with `cd -P`);
# a constant handful of processes per run (date, id, awk, tail).
set -u
LC_ALL=C
export LC_ALL

sysroot=${1:-}
case $sysroot in
    '' | /) sysroot= ;;
    *[!-A-Za-z0-9._/+:@,=]*)
        echo "jts-gather: refusing sysroot with unexpected characters" >&2
        exit 2 ;;
    /*)
        case $sysroot/ in
            */../* | */./*)
                echo "jts-gather: refusing sysroot with . or .. components: $sysroot" >&2
                exit 2 ;;
        esac ;;
    *)
        echo "jts-gather: sysroot must be an absolute path: $sysroot" >&2
        exit 2 ;;
esac
if [ -n "$sysroot" ]; then
    # resolve symlinks once, so that resolved sysfs paths can be made relative to it below
    if ! cd -P "$sysroot" 2>/dev/null; then
        echo "jts-gather: sysroot is not a directory: $sysroot" >&2
        exit 2
    fi
    S=$PWD
    [ "$S" = / ] && S=
else
    S=
fi

# one content line, escaped when it could be mistaken for a frame line
emit() {
    case $1 in
        @* | \\*) printf '\\%s\n' "$1" ;;
        *) printf '%s\n' "$1" ;;
    esac
}

# a whole file, escaped (one awk process: the builtin `read` is slow on big files); awk also ends an
# unterminated last line (state.json often has none), which would otherwise swallow the "@@end"
emit_file() {
    awk '/^[@\\]/ { printf "\\" } { print }' "$1" 2>/dev/null
}

# key=value of a one-line sysfs attribute; absent or unreadable files print nothing
attr() {
    [ -f "$2" ] || return 0
    v=
    IFS= read -r v 2>/dev/null <"$2" || [ -n "$v" ] || return 0
    printf '%s=%s\n' "$1" "$v"
}

# key=name1 name2 ... of the entries of a directory (slaves/, holders/)
names() {
    printf '%s=' "$1"
    sep=
    for n in "$2"/*; do
        [ -e "$n" ] || [ -L "$n" ] || continue
        printf '%s%s' "$sep" "${n##*/}"
        sep=' '
    done
    printf '\n'
}

# resolved path (relative to the sysroot) of a sysfs directory; used to find the transport
resolved() {
    if cd -P "$2" 2>/dev/null; then
        printf '%s=%s\n' "$1" "${PWD#"$S"}"
    fi
}

driver() {
    for d in "$1/device/driver" "$1/device/device/driver"; do
        if cd -P "$d" 2>/dev/null; then
            printf 'driver=%s\n' "${PWD##*/}"
            return 0
        fi
    done
}

# udev properties of one device: only identity lines
udev() {
    case $2 in
        '' | *[!0-9:]*) return 0 ;;
    esac
    f="$S/run/udev/data/b$2"
    [ -r "$f" ] || return 0
    echo "@@section udev $1"
    while IFS= read -r l || [ -n "$l" ]; do
        case $l in
            E:ID_SERIAL=* | E:ID_SERIAL_SHORT=* | E:ID_WWN=* | E:ID_WWN_WITH_EXTENSION=* | E:ID_MODEL=* | E:ID_BUS=*)
                emit "$l" ;;
        esac
    done <"$f"
    echo '@@end'
}

# a name we may print on a frame line: no blanks, no control characters
printable_name() {
    case $1 in
        '' | *[![:graph:]]*) return 1 ;;
    esac
    return 0
}

echo '@@jts-gather 1'

echo '@@section host'
hostname=
IFS= read -r hostname 2>/dev/null <"$S/proc/sys/kernel/hostname" || hostname=$(uname -n 2>/dev/null)
kernel=
IFS= read -r kernel 2>/dev/null <"$S/proc/sys/kernel/osrelease" || kernel=$(uname -r 2>/dev/null)
printf 'hostname=%s\nkernel=%s\n' "$hostname" "$kernel"
printf 'time=%s\n' "$(date +%s)"
printf 'uid=%s\n' "$(id -u)"
echo '@@end'

for b in "$S"/sys/block/*; do
    [ -e "$b" ] || continue
    dev=${b##*/}
    if ! printable_name "$dev"; then
        echo '@@section skipped'
        echo 'reason=block device name with blanks or control characters'
        echo '@@end'
        continue
    fi
    echo "@@section block $dev"
    resolved path "$b"
    driver "$b"
    for a in dev size removable ro hidden serial wwid device/model device/vendor device/serial device/wwid \
        dm/name dm/uuid md/level md/array_state; do
        attr "$a" "$b/$a"
    done
    for a in scheduler read_ahead_kb nr_requests rotational rq_affinity nomerges add_random wbt_lat_usec \
        max_sectors_kb max_hw_sectors_kb write_cache discard_granularity discard_max_bytes \
        discard_max_hw_bytes logical_block_size physical_block_size zoned; do
        attr "queue/$a" "$b/queue/$a"
    done
    names slaves "$b/slaves"
    names holders "$b/holders"
    echo '@@end'
    devno=
    IFS= read -r devno 2>/dev/null <"$b/dev"
    udev "$dev" "$devno"

    for p in "$b"/*/partition; do
        [ -f "$p" ] || continue
        pd=${p%/partition}
        part=${pd##*/}
        if ! printable_name "$part"; then
            echo '@@section skipped'
            echo 'reason=partition name with blanks or control characters'
            echo '@@end'
            continue
        fi
        echo "@@section part $part"
        printf 'parent=%s\n' "$dev"
        resolved path "$pd"
        for a in partition start size dev ro; do
            attr "$a" "$pd/$a"
        done
        names holders "$pd/holders"
        echo '@@end'
        devno=
        IFS= read -r devno 2>/dev/null <"$pd/dev"
        udev "$part" "$devno"
    done
done
cd / || exit 1

echo '@@section diskstats'
emit_file "$S/proc/diskstats"
echo '@@end'

echo '@@section mountinfo'
emit_file "$S/proc/self/mountinfo"
echo '@@end'

# rules files: names, plus any line that sets a queue attribute (drift culprits)
for d in /etc/udev/rules.d /run/udev/rules.d; do
    for f in "$S$d"/*.rules; do
        [ -f "$f" ] || continue
        n=${f##*/}
        case $n in
            *[!A-Za-z0-9._+-]*) continue ;;
        esac
        echo "@@section udev-rules $d/$n"
        while IFS= read -r l || [ -n "$l" ]; do
            case $l in
                *'ATTR{queue/'*) emit "$l" ;;
            esac
        done <"$f"
        echo '@@end'
    done
done

if [ -f "$S/etc/tuned/active_profile" ]; then
    echo '@@section tuned'
    emit_file "$S/etc/tuned/active_profile"
    echo '@@end'
fi

echo '@@section env'
if [ -d "$S/run/systemd/system" ]; then echo 'systemd=1'; else echo 'systemd=0'; fi
if [ -z "$S" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    printf 'trim_timer_next=%s\n' "$(systemctl show jts-fstrim.timer --property=NextElapseUSecRealtime --value 2>/dev/null)"
fi
udevd=0
for c in "$S"/proc/[0-9]*/comm; do
    n=
    IFS= read -r n 2>/dev/null <"$c" || continue
    case $n in
        systemd-udevd | udevd) udevd=1; break ;;
    esac
done
echo "udevd=$udevd"
# Whether fio is installed, not its version: `fio --version` was half of this script's CPU, and bench.sh
# records the version of the fio that actually ran.
if fio_path=$(command -v fio 2>/dev/null); then
    printf 'fio=installed %s\n' "$fio_path"
fi
echo '@@end'

if [ -f "$S/var/lib/jts-fleet/state.json" ]; then
    echo '@@section state'
    emit_file "$S/var/lib/jts-fleet/state.json"
    echo '@@end'
fi

if [ -f "$S/var/lib/jts-fleet/trim.jsonl" ]; then
    echo '@@section trimlog'
    tail -n 200 "$S/var/lib/jts-fleet/trim.jsonl" 2>/dev/null | awk '/^[@\\]/ { printf "\\" } { print }'
    echo '@@end'
fi

echo '@@done'
