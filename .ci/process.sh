# Sourced by the CI scripts that start servers in process groups of their own (setsid).
#
# stop_groups PID...: send TERM to each group, then wait until none of its processes is left (KILL
# after 30 s), so that the files they write (the SQLite database and its journal, the page cache)
# can be removed. Waiting for the group's leader is not enough: gunicorn's workers and the task
# worker finish their own shutdown after it.
stop_groups() {
    local pid
    for pid in "$@"; do
        kill -TERM -- "-$pid" 2>/dev/null || true
    done
    for pid in "$@"; do
        wait "$pid" 2>/dev/null || true
        for _ in $(seq 150); do
            group_running "$pid" || break
            sleep 0.2
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
        for _ in $(seq 50); do
            group_running "$pid" || break
            sleep 0.2
        done
    done
}

# group_running PGID: whether a process of the group is still running (not a zombie).
group_running() {
    ps -e -o pgid=,stat= | awk -v group="$1" '$1 == group && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}
