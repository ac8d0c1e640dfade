#!/usr/bin/env bash
# A flood of log-ins of unknown users against the packaged livetodo, and what it does to everyone
# else: the latency of /q/health/live and of reading a todo while 300 log-ins (BCRYPT cost 10)
# are answered, on a PostgreSQL server of its own (bench/src/.../LoginFlood.java).
#
#   ./mvnw -B package -DskipTests      # once, from the repository root
#   bench/login-flood.sh               # LOGINS=300 ROUNDS=3 by default; JAVA_OPTS for livetodo's JVM
set -euo pipefail
cd "$(dirname "$0")/.."
LOGINS=${LOGINS:-300}
ROUNDS=${ROUNDS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/livetodo-login-bench}
PG_PORT=${PG_PORT:-25434}
APP_PORT=${APP_PORT:-18082}
APP=http://127.0.0.1:$APP_PORT

source bench/postgres.sh
start_fresh_postgres -c max_connections=100
./mvnw -B -q -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile="$BENCH_DIR/classpath" >/dev/null

pid=
cleanup() {
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    stop_postgres
}
trap cleanup EXIT

QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    QUARKUS_HTTP_PORT=$APP_PORT LIVETODO_PASSWORD_BCRYPT_COST=10 \
    java ${JAVA_OPTS:-} -jar "${JAR:-target/quarkus-app/quarkus-run.jar}" >"$BENCH_DIR/app.log" 2>&1 &
pid=$!
until curl -sf "$APP/q/health/ready" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "livetodo did not start: see $BENCH_DIR/app.log" >&2; exit 1; }
    sleep 0.2
done

post() { curl -sf -X POST -H 'Content-Type: application/json' ${2:+-H "Authorization: Bearer $2"} -d "$3" "$APP$1"; }
post /users "" '{"username":"reader","password":"bench-password"}' >/dev/null
token=$(post /user "" '{"username":"reader","password":"bench-password"}' | jq -r .session_id)
todo=$(curl -sf -o /dev/null -w '%{redirect_url}' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d '{"name":"read me"}' "$APP/todos/")
todo=${todo##*/}

java -cp "bench/target/classes:$(cat "$BENCH_DIR/classpath")" io.livetodo.bench.LoginFlood \
    --port "$APP_PORT" --logins "$LOGINS" --rounds "$ROUNDS" --token "$token" --todo "$todo"
