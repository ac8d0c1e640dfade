#!/usr/bin/env bash
# How fast the packaged livetodo is ready, and how much memory it holds then.
#
#   ./mvnw -B package -DskipTests      # once, from the repository root
#   bench/startup.sh                   # RUNS=5 by default; JAVA_OPTS and JAR as for bench/http.sh
#   JAVA_OPTS=-XX:SharedArchiveFile=app-cds.jsa bench/startup.sh   # after packaging with
#                                      # -Dquarkus.package.jar.appcds.enabled=true
#   JAVA=/opt/jdk-25/bin/java JAVA_OPTS=-XX:AOTCache=/tmp/livetodo.aot bench/startup.sh
#                                      # JDK 25's AOT cache: the run that migrates makes it when
#                                      # TRAIN_OPTS=-XX:AOTCacheOutput=/tmp/livetodo.aot
#
# Each run starts `java -jar` on an existing, migrated database (as a restart in production would)
# and prints the time from launch until /q/health/ready answers UP, polled every 10 ms, and the
# process's resident memory (VmRSS) at that moment. The first run, which migrates the database, is
# not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/livetodo-startup-bench}
PG_PORT=${PG_PORT:-25434}
APP_PORT=${APP_PORT:-18082}
JAR=$(realpath "${JAR:-target/quarkus-app/quarkus-run.jar}")
JAVA=${JAVA:-java}

source bench/postgres.sh
start_fresh_postgres
app=""
cleanup() {
    [ -z "$app" ] || { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
    stop_postgres
}
trap cleanup EXIT

# start_once [java options]: prints "milliseconds-until-ready RSS-in-MiB"
start_once() {
    local start
    start=$(date +%s%N)
    # From the jar's own directory, as an AppCDS archive made at packaging expects.
    (cd "$(dirname "$JAR")" && QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
        QUARKUS_HTTP_PORT=$APP_PORT exec "$JAVA" "$@" -jar "$(basename "$JAR")" >"$BENCH_DIR/app.log" 2>&1) &
    app=$!
    until curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null 2>&1; do
        kill -0 "$app" 2>/dev/null || { echo "livetodo did not start: see $BENCH_DIR/app.log" >&2; exit 1; }
        sleep 0.01
    done
    local ready=$(( ($(date +%s%N) - start) / 1000000 ))
    local rss
    rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$app/status")
    # Stopped before answering, so that no run overlaps the next and the database outlives the last.
    kill "$app"
    wait "$app" 2>/dev/null || true
    app=""
    echo "$ready $rss"
}

# shellcheck disable=SC2086
start_once ${TRAIN_OPTS:-} >/dev/null
for run in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    read -r ms rss < <(start_once ${JAVA_OPTS:-})
    printf 'run %d: ready after %5d ms, RSS %4d MiB   (%s)\n' "$run" "$ms" "$rss" \
        "$(grep -o 'started in [0-9.]*s' "$BENCH_DIR/app.log")"
done
