# Sourced by the benchmark scripts: a PostgreSQL server of their own, in $BENCH_DIR/pg, on $PG_PORT.
# PostgreSQL refuses to run as root: as root, its files belong to the postgres user.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_fresh_postgres [server options]: an empty database in a new $BENCH_DIR, started.
start_fresh_postgres() {
    rm -rf "$BENCH_DIR"
    mkdir -p "$BENCH_DIR"
    install -d -o "$( [ "$(id -u)" = 0 ] && echo postgres || id -un)" "$BENCH_DIR/pg"
    as_postgres "$PG_BIN/initdb" -D "$BENCH_DIR/pg/data" -U postgres --auth=trust >/dev/null
    as_postgres "$PG_BIN/pg_ctl" -D "$BENCH_DIR/pg/data" -l "$BENCH_DIR/pg/log" -w \
        -o "-p $PG_PORT -k $BENCH_DIR/pg $*" start >/dev/null
}

stop_postgres() {
    as_postgres "$PG_BIN/pg_ctl" -D "$BENCH_DIR/pg/data" -m fast stop >/dev/null || true
}
