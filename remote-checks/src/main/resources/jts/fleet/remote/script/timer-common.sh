# jts-fleet timer prelude: HostPrelude.timerSpliced() puts this after the host prelude in the scripts jts-fleet
# installs for its systemd timers (jts-fstrim, jts-metrics), so both judge a blackout window by one rule.
# Definitions only: nothing here runs or reads anything.

# day_listed DAY DAYS: is weekday DAY (1=Mon..7=Sun) one of the comma list DAYS?
# shellcheck disable=SC2317
day_listed() {
    case ",$2," in *",$1,"*) return 0 ;; esac
    return 1
}

# in_window DAYS FROM TO NOW: is NOW ("D HHMM", weekday and time as `date +'%u %H%M'` prints them in the window's
# time zone) inside a window that opens at FROM (HHMM) on each weekday of DAYS and closes at TO? A window whose TO
# is before its FROM runs over midnight and belongs to the day it opened on.
# shellcheck disable=SC2317
in_window() {
    win_day=${4%% *}
    # "1HHMM - 10000" keeps a leading zero from being read as octal
    win_now=$((1${4#* } - 10000))
    win_from=$((1$2 - 10000))
    win_to=$((1$3 - 10000))
    if [ "$win_from" -le "$win_to" ]; then
        day_listed "$win_day" "$1" && [ "$win_now" -ge "$win_from" ] && [ "$win_now" -lt "$win_to" ]
        return
    fi
    # over midnight: the evening belongs to today's window, the morning to yesterday's
    if day_listed "$win_day" "$1" && [ "$win_now" -ge "$win_from" ]; then
        return 0
    fi
    day_listed "$((win_day == 1 ? 7 : win_day - 1))" "$1" && [ "$win_now" -lt "$win_to" ]
}
