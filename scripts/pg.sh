#!/usr/bin/env bash
# A throw-away PostgreSQL for the test suite: scripts/pg.sh start|stop|status|url
#
# start  installs Debian's `postgresql` with apt-get when no server binaries
#        are found, creates a cluster in .pg/data (trust auth, 127.0.0.1 only),
#        starts it on port 54329 with its socket in .pg/, creates the database
#        marsad_test and writes its SQLAlchemy URL to .pg/url. Idempotent.
# stop   stops the server (the cluster stays for the next start).
# url    prints the URL.
#
# initdb refuses to run as root, so as root the cluster belongs to the
# `postgres` system user. When that user cannot reach the checkout (e.g. it
# lives under /root, mode 700) the cluster goes to a directory under /tmp and
# .pg/data is a symlink to it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGHOME="$ROOT/.pg"
PORT="${MARSAD_PG_PORT:-54329}"
DB=marsad_test
URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"

say() { echo "pg.sh: $*" >&2; }

find_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
    elif command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
    fi
}

install_postgres() {
    if [[ "$(id -u)" != 0 ]]; then
        say "PostgreSQL server binaries not found; install the Debian package 'postgresql' (as root)"
        exit 1
    fi
    say "installing PostgreSQL with apt-get (one time)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

# Run a server command as the cluster owner: `postgres` when we are root.
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# Where the cluster and socket live: .pg itself, or a /tmp directory the owner can reach.
run_dir() {
    if [[ "$(id -u)" != 0 ]] || runuser -u postgres -- test -x "$PGHOME" -a -w "$PGHOME" 2>/dev/null; then
        echo "$PGHOME"
    else
        echo "/tmp/marsad-pg-$(echo -n "$ROOT" | sha1sum | cut -c1-12)"
    fi
}

# The cluster directory as the owner reaches it (not through a symlink under /root).
data_dir() {
    if [[ -L "$PGHOME/data" ]]; then readlink "$PGHOME/data"; else echo "$PGHOME/data"; fi
}

is_running() {
    local data
    data="$(data_dir)"
    [[ -e "$data/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
    mkdir -p "$PGHOME"
    # Two `make test` at once must not race on initdb. The server must not
    # inherit fd 9, or it would hold the lock for its whole life.
    exec 9>"$PGHOME/lock"
    flock 9
    BIN="$(find_bindir)"
    if [[ -z "$BIN" ]]; then
        install_postgres
        BIN="$(find_bindir)"
        [[ -n "$BIN" ]] || { say "apt-get installed postgresql but no pg_ctl was found"; exit 1; }
    fi
    if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres "$PGHOME"  # the server writes its socket and lock file here
        chmod 755 "$PGHOME"
    fi
    local dir
    dir="$(run_dir)"
    if [[ "$dir" != "$PGHOME" ]]; then
        mkdir -p "$dir"
        chown postgres "$dir"
        if [[ -L "$PGHOME/data" || ! -e "$PGHOME/data" ]]; then
            ln -sfn "$dir/data" "$PGHOME/data"
        fi
    fi
    if is_running; then
        say "already running on port $PORT"
    else
        if [[ ! -e "$dir/data/PG_VERSION" ]]; then
            say "creating cluster in $dir/data"
            as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust \
                --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
                || { cat "$dir/initdb.log" >&2; exit 1; }
        fi
        say "starting on 127.0.0.1:$PORT"
        as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $dir -c fsync=off" start \
            </dev/null >/dev/null 9>&- \
            || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    fi
    local psql=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq)
    if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
        "${psql[@]}" -c "CREATE DATABASE $DB"
    fi
    echo "$URL" >"$PGHOME/url"
    echo "$URL"
}

stop() {
    BIN="$(find_bindir)"
    if [[ -n "$BIN" ]] && is_running; then
        as_owner "$BIN/pg_ctl" -D "$(data_dir)" -m fast -w stop >/dev/null
        say "stopped"
    else
        say "not running"
    fi
}

status() {
    BIN="$(find_bindir)"
    if [[ -n "$BIN" ]] && is_running; then
        echo "running: $URL"
    else
        echo "stopped"
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) echo "$URL" ;;
    *)
        echo "usage: $0 start|stop|status|url" >&2
        exit 2
        ;;
esac
