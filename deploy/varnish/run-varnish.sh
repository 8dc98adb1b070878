#!/usr/bin/env bash
# The edge cache: Varnish 7 with default.vcl in front of the site's gunicorn.
#
#   run-varnish.sh start     start varnishd in the background (returns once it answers)
#   run-varnish.sh run       run varnishd in the foreground (Ctrl-C or SIGTERM stops it)
#   run-varnish.sh stop      stop the varnishd started with the same EDGE_WORKDIR
#   run-varnish.sh reload    load the current default.vcl and settings into the running varnishd
#   run-varnish.sh check     write the settings and compile the VCL, nothing started (CI)
#
# Settings (environment):
#   EDGE_BACKEND_HOST     127.0.0.1        the Django backend (gunicorn): an IP address or host name
#   EDGE_BACKEND_PORT     8000
#   EDGE_BACKEND_PROBE    (none)           e.g. /healthz: probe it every 5s; when it fails, stale
#                                          copies are served for up to 6h (grace)
#   EDGE_LISTEN           127.0.0.1:6081   where Varnish listens (-a)
#   EDGE_WORKDIR          /tmp/varnish-edge  private working directory (-n), one per instance
#   EDGE_PURGE_TOKEN      (none)           the shared secret PURGE requests carry in X-Purge-Token
#                                          (16-256 characters of [A-Za-z0-9._~+/=-]); without it,
#                                          EDGE_PURGE_TOKEN_FILE is read; without either, every
#                                          PURGE is refused
#   EDGE_PURGE_ACL        "127.0.0.1 ::1"  addresses or networks (10.0.0.0/8) allowed to PURGE
#   DJANGO_ADMIN_PATH     admin/           as for the site: its addresses are never cached
#   EDGE_PASS_PREFIXES    "/healthz"       more address prefixes that are never cached
#   EDGE_LANGUAGES        "en ru az"       the language prefixes (settings.LANGUAGES)
#   EDGE_STORAGE          malloc,64M
#   EDGE_USER             varnish          when run as root: the jail user (-j unix,user=…;
#                                          the cache process runs as vcache, Debian's default)
#   EDGE_VCL              default.vcl next to this script
#   EDGE_VARNISHD_ARGS    (none)           more arguments, e.g. "-p http_resp_hdr_len=64k"
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
backend_host="${EDGE_BACKEND_HOST:-127.0.0.1}"
backend_port="${EDGE_BACKEND_PORT:-8000}"
backend_probe="${EDGE_BACKEND_PROBE:-}"
listen="${EDGE_LISTEN:-127.0.0.1:6081}"
workdir="${EDGE_WORKDIR:-/tmp/varnish-edge}"
purge_acl="${EDGE_PURGE_ACL:-127.0.0.1 ::1}"
admin_path="${DJANGO_ADMIN_PATH:-admin/}"
pass_prefixes="${EDGE_PASS_PREFIXES:-/healthz}"
languages="${EDGE_LANGUAGES:-en ru az}"
storage="${EDGE_STORAGE:-malloc,64M}"
jail_user="${EDGE_USER:-varnish}"
vcl="${EDGE_VCL:-$here/default.vcl}"

die() { echo "run-varnish.sh: $*" >&2; exit 2; }

[[ "$backend_host" =~ ^[A-Za-z0-9.:-]+$ ]] || die "EDGE_BACKEND_HOST: not a host name or address: $backend_host"
[[ "$backend_port" =~ ^[0-9]{1,5}$ ]] || die "EDGE_BACKEND_PORT: not a port: $backend_port"
[[ -z "$backend_probe" || "$backend_probe" =~ ^/[A-Za-z0-9._~/-]*$ ]] || die "EDGE_BACKEND_PROBE: not a path: $backend_probe"
[[ "$workdir" = /* ]] || die "EDGE_WORKDIR must be an absolute path"
[[ -f "$vcl" ]] || die "no VCL at $vcl"
vcl="$(cd "$(dirname "$vcl")" && pwd)/$(basename "$vcl")"

token="${EDGE_PURGE_TOKEN:-}"
if [[ -z "$token" && -n "${EDGE_PURGE_TOKEN_FILE:-}" ]]; then
    token="$(tr -d '\n' < "$EDGE_PURGE_TOKEN_FILE")"
fi
[[ -z "$token" || "$token" =~ ^[A-Za-z0-9._~+/=-]{16,256}$ ]] \
    || die "EDGE_PURGE_TOKEN: 16 to 256 characters of A-Z a-z 0-9 . _ ~ + / = -"

# A prefix as a regular expression: only plain path characters are accepted; dots are escaped.
prefix_re() {
    local p="/${1#/}"
    [[ "$p" =~ ^/[A-Za-z0-9._~/-]*$ ]] || die "not a plain address prefix: $1"
    printf '%s' "${p//./\\.}"
}

settings() {
    echo "# Written by run-varnish.sh on $(date -u +%FT%TZ) for default.vcl: do not edit."
    echo
    echo "backend default {"
    echo "    .host = \"$backend_host\";"
    echo "    .port = \"$backend_port\";"
    echo "    .connect_timeout = 3s;"
    echo "    .first_byte_timeout = 60s;"
    echo "    .between_bytes_timeout = 30s;"
    if [[ -n "$backend_probe" ]]; then
        echo "    .probe = {"
        echo "        .request = \"GET $backend_probe HTTP/1.1\" \"Host: $backend_host\" \"Connection: close\";"
        echo "        .interval = 5s; .timeout = 3s; .window = 5; .threshold = 3; .initial = 3;"
        echo "    }"
    fi
    echo "}"
    echo
    echo "acl edge_purgers {"
    local entry
    for entry in $purge_acl; do
        [[ "$entry" =~ ^([0-9A-Fa-f.:]+)(/([0-9]{1,3}))?$ ]] || die "EDGE_PURGE_ACL: not an address or network: $entry"
        if [[ -n "${BASH_REMATCH[3]}" ]]; then
            echo "    \"${BASH_REMATCH[1]}\"/${BASH_REMATCH[3]};"
        else
            echo "    \"${BASH_REMATCH[1]}\";"
        fi
    done
    echo "}"
    echo
    local pass_re="" p lang_re="" l
    for p in "$admin_path" $pass_prefixes; do
        pass_re+="${pass_re:+|}$(prefix_re "$p")"
    done
    for l in $languages; do
        [[ "$l" =~ ^[A-Za-z-]+$ ]] || die "EDGE_LANGUAGES: not a language code: $l"
        lang_re+="${lang_re:+|}$l"
    done
    echo "sub edge_classify {"
    echo "    if (req.url ~ \"^($pass_re)\") {"
    echo "        set req.http.X-Edge-Pass = \"path\";"
    echo "    }"
    echo "    if (req.url ~ \"^/($lang_re)/\") {"
    echo "        set req.http.X-Edge-Localized = \"1\";"
    echo "    }"
    echo "}"
    echo
    echo "sub edge_check_purge_token {"
    if [[ -n "$token" ]]; then
        echo "    if (req.http.X-Purge-Token == \"$token\") {"
        echo "        set req.http.X-Edge-Token-Ok = \"1\";"
        echo "    }"
    else
        echo "    # No EDGE_PURGE_TOKEN: no PURGE is accepted."
    fi
    echo "}"
}

jail_args=()
if [[ $EUID -eq 0 ]]; then
    id "$jail_user" >/dev/null 2>&1 || die "no user $jail_user for -j unix (EDGE_USER)"
    jail_args=(-j "unix,user=$jail_user")
fi

# The working directory, readable by the jail user's group (the VCL compiler runs as that user
# and reads edge-settings.vcl from here); the settings hold the purge secret, so no one else.
write_settings() {
    mkdir -p "$workdir"
    chmod 0750 "$workdir"
    if [[ $EUID -eq 0 ]]; then chgrp "$(id -gn "$jail_user")" "$workdir"; fi
    local tmp="$workdir/edge-settings.vcl.tmp"
    (umask 027 && settings > "$tmp")
    if [[ $EUID -eq 0 ]]; then chgrp "$(id -gn "$jail_user")" "$tmp"; fi
    mv -f "$tmp" "$workdir/edge-settings.vcl"
    # The VCL compiler runs as the jail user: it must reach the settings and the VCL.
    if [[ $EUID -eq 0 ]]; then
        local f
        for f in "$workdir/edge-settings.vcl" "$vcl"; do
            runuser -u "$jail_user" -- test -r "$f" \
                || die "user $jail_user cannot read $f: a directory above it is closed to it"
        done
    fi
}

varnishd_args() {
    # One thread pool of 10 to 200 threads: the defaults (2 x 100 to 5000) are for big machines.
    # vcl_path: edge-settings.vcl from the working directory, builtin includes from Varnish's.
    args=(-n "$workdir" -a "$listen" -f "$vcl" -s "$storage" "${jail_args[@]}"
          -p "vcl_path=$workdir:/etc/varnish:/usr/share/varnish/vcl"
          -p thread_pools=1 -p thread_pool_min=10 -p thread_pool_max=200
          -p http_resp_hdr_len=64k -p http_resp_size=96k -p workspace_backend=192k
          -P "$workdir/varnishd.pid")
    # shellcheck disable=SC2206
    args+=(${EDGE_VARNISHD_ARGS:-})
}

running_pid() {
    local pid
    pid="$(cat "$workdir/varnishd.pid" 2>/dev/null)" || return 1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

case "${1:-}" in
    check)
        write_settings
        varnishd_args
        # -C with a scratch -n: it creates and removes that directory.
        scratch="$(mktemp -d)"; rmdir "$scratch"
        args[1]="$scratch"
        # It prints the generated C on success, the compiler's complaint on failure.
        if ! out="$(varnishd -C "${args[@]}" 2>&1)"; then
            printf '%s\n' "$out" | grep -v '^ \* \|^/\*\|^$' | tail -n 20 >&2
            die "VCL does not compile"
        fi
        echo "VCL compiles: $vcl with $workdir/edge-settings.vcl"
        ;;
    start)
        if pid="$(running_pid)"; then die "already running (pid $pid) in $workdir"; fi
        write_settings
        varnishd_args
        varnishd "${args[@]}"
        for _ in $(seq 50); do
            if varnishadm -n "$workdir" -t 2 ping >/dev/null 2>&1 && varnishadm -n "$workdir" -t 2 status 2>/dev/null | grep -q running; then
                echo "varnishd (pid $(running_pid)) on $listen, backend $backend_host:$backend_port, working directory $workdir"
                exit 0
            fi
            sleep 0.2
        done
        die "varnishd did not start; see the system log or run it with: $0 run"
        ;;
    run)
        write_settings
        varnishd_args
        exec varnishd -F "${args[@]}"
        ;;
    reload)
        running_pid >/dev/null || die "not running in $workdir"
        write_settings
        name="edge_$(date +%s)"
        varnishadm -n "$workdir" vcl.load "$name" "$vcl"
        varnishadm -n "$workdir" vcl.use "$name"
        # The configurations it replaces: no longer used, each holds its compiled code.
        varnishadm -n "$workdir" vcl.list | awk '$1 == "available" {print $NF}' | while read -r old; do
            varnishadm -n "$workdir" vcl.discard "$old" >/dev/null || true
        done
        ;;
    stop)
        if ! pid="$(running_pid)"; then echo "not running in $workdir"; exit 0; fi
        kill -TERM "$pid"
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || { rm -f "$workdir/varnishd.pid"; echo "stopped (pid $pid)"; exit 0; }
            sleep 0.1
        done
        die "varnishd (pid $pid) did not stop within 10s"
        ;;
    *)
        sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
