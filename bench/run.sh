#!/usr/bin/env bash
# Runs one live-load scenario against the packaged livetodo, on a PostgreSQL server of its own.
#
#   ./mvnw -B package -DskipTests          # once, from the repository root
#   bench/run.sh shared [tool options]     # every user a member of one list
#   bench/run.sh own [tool options]        # each user's changes on their own list
#   bench/run.sh idle [tool options]       # heap and RSS of the server holding idle connections
#
# Tool options (see LiveLoad): --users N --per-user N --rate R --warmup S --duration S --addresses A
# --transport ws|sse.
# PG_BIN picks the PostgreSQL binaries (default: the newest Debian install); BENCH_DIR holds the
# database and logs between runs, so users made by one run are reused by the next (their todos are
# not: each run starts from the same five per personal list); JAVA_OPTS are
# passed to the server's JVM; JAR names another build's quarkus-run.jar (with a BENCH_DIR of its
# own when its migrations differ).
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?usage: bench/run.sh shared|own|idle [options]}
shift
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
BENCH_DIR=${BENCH_DIR:-/tmp/livetodo-bench}
PG_PORT=${PG_PORT:-25432}
APP_PORT=${APP_PORT:-18080}
mkdir -p "$BENCH_DIR"
ulimit -n "$(ulimit -Hn)"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -d "$BENCH_DIR/pg/data" ]; then
    # PostgreSQL refuses to run as root: as root, its files belong to the postgres user.
    install -d -o "$( [ "$(id -u)" = 0 ] && echo postgres || id -un)" "$BENCH_DIR/pg"
    as_postgres "$PG_BIN/initdb" -D "$BENCH_DIR/pg/data" -U postgres --auth=trust >/dev/null
fi
as_postgres "$PG_BIN/pg_ctl" -D "$BENCH_DIR/pg/data" -l "$BENCH_DIR/pg/log" -w \
    -o "-p $PG_PORT -k $BENCH_DIR/pg -c max_connections=200 -c fsync=on" start >/dev/null
# Users and their sessions are kept between runs (registering thousands takes minutes), but every
# run starts from the same todos: five on each personal list, statistics fresh. Lists that grow
# run after run make reads slower; an empty table makes PostgreSQL plan the first reads as scans
# of the whole table and keep those plans until autovacuum analyzes it, a minute into the run.
as_postgres "$PG_BIN/psql" -q -h "$BENCH_DIR/pg" -p "$PG_PORT" -U postgres -d postgres -c "
    do \$\$ begin if to_regclass('todo') is not null then
        truncate todo, change_log;
        insert into todo (list_id, name, created_by, updated_by)
             select l.id, 'seed ' || n, u.username, u.username
               from todo_list l join app_user u on u.id = l.owner_id, generate_series(1, 5) n
              where l.personal;
    end if; end \$\$" -c "vacuum analyze" >/dev/null

# The tool registers thousands of users from a few addresses, 32 at a time: the per-address
# registration limit and the bound on waiting password hashes would refuse most of them.
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    QUARKUS_HTTP_PORT=$APP_PORT LIVETODO_PASSWORD_BCRYPT_COST=10 \
    LIVETODO_REGISTRATION_MAX_PER_ADDRESS=1000000 LIVETODO_PASSWORD_MAX_QUEUED_HASHES=64 \
    java ${JAVA_OPTS:-} -jar "${JAR:-target/quarkus-app/quarkus-run.jar}" >"$BENCH_DIR/app.log" 2>&1 &
app=$!
cleanup() {
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    as_postgres "$PG_BIN/pg_ctl" -D "$BENCH_DIR/pg/data" -m fast stop >/dev/null || true
}
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null; do sleep 0.5; done

heap_used() { jcmd "$app" GC.run >/dev/null; sleep 1; jcmd "$app" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }'; }
rss() { awk '/VmRSS/ { print $2 "K" }' "/proc/$app/status"; }

# The load tool runs in Maven's JVM; the parallel collector keeps its share of the two cores small.
export MAVEN_OPTS="${MAVEN_OPTS:--XX:+UseParallelGC}"
tool=(./mvnw -B -q -f bench/pom.xml compile exec:java
    -Dexec.args="--mode $scenario --url http://127.0.0.1:$APP_PORT --cache-dir $BENCH_DIR $*")
if [ "$scenario" = idle ]; then
    rm -f "$BENCH_DIR/tool.log"
    before=$(heap_used)
    echo "server before: heap used $before, RSS $(rss)"
    "${tool[@]}" | tee "$BENCH_DIR/tool.log" &
    load=$!
    until grep -q "idle: holding" "$BENCH_DIR/tool.log" 2>/dev/null; do sleep 1; done
    sleep 5
    open=$(curl -s "http://127.0.0.1:$APP_PORT/q/metrics" | awk '/^livetodo_live_connections/ { print int($2) }')
    after=$(heap_used)
    echo "server with $open idle connections: heap used $after, RSS $(rss)"
    wait "$load"
else
    "${tool[@]}"
fi
