#!/usr/bin/env bash
# livetodo's HTTP hot paths side by side with the raw baseline (bench/src/.../RawBaseline.java),
# in one run, on a PostgreSQL server of its own, with wrk as the load.
#
#   ./mvnw -B package -DskipTests      # once, from the repository root
#   bench/http.sh                      # DURATION=10 ROUNDS=3 WARMUP=30 CONNECTIONS=64 by default
#   JAR=other/quarkus-run.jar bench/http.sh   # another build of livetodo
#   SCENARIOS="get-one post-own" bench/http.sh  # some of get-one get-list post-own post-shared move search
#
# move (64 writers moving todos within one list of 200) and search (one user's 50 lists of 200
# todos each) run against livetodo only: the baseline has neither, so they print no ratio.
#   LIVETODO_LIVE_ANNOUNCE_LINGER=P1D bench/http.sh   # changes never announced: what announcing costs
#
# Both servers run `java -jar`-style with the JVM's defaults (JAVA_OPTS for livetodo only) over the
# same database. Each gets a cold run (the first 10 s of GET /todos/{id}), then WARMUP seconds
# spread over the scenarios; then each scenario is measured ROUNDS times, the targets
# alternating, and every line prints req/s, p50 and p99 and livetodo ÷ baseline in that round.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is needed (Debian: apt-get install jq)" >&2; exit 1; }
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-64}
SCENARIOS=${SCENARIOS:-get-one get-list post-own post-shared move search}
BENCH_DIR=${BENCH_DIR:-/tmp/livetodo-http-bench}
PG_PORT=${PG_PORT:-25433}
APP_PORT=${APP_PORT:-18081}
RAW_PORT=${RAW_PORT:-18091}
APP=http://127.0.0.1:$APP_PORT
RAW=http://127.0.0.1:$RAW_PORT

source bench/postgres.sh
# A fresh database each run, so that both targets and every run start from the same tables.
start_fresh_postgres -c max_connections=200

./mvnw -B -q -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile="$BENCH_DIR/classpath" >/dev/null

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    stop_postgres
}
trap cleanup EXIT

# The setup registers 129 users from one address, 64 at a time. The writes go to a few lists,
# hundreds of thousands each: the cap on todos per list would turn them into cheap refusals.
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    QUARKUS_HTTP_PORT=$APP_PORT LIVETODO_PASSWORD_BCRYPT_COST=10 \
    LIVETODO_REGISTRATION_MAX_PER_ADDRESS=1000000 LIVETODO_PASSWORD_MAX_QUEUED_HASHES=64 \
    LIVETODO_QUOTA_TODOS_PER_LIST=1000000000 LIVETODO_QUOTA_LISTS_PER_USER=100 \
    java ${JAVA_OPTS:-} -jar "${JAR:-target/quarkus-app/quarkus-run.jar}" >"$BENCH_DIR/app.log" 2>&1 &
pids+=($!)
until curl -sf "$APP/q/health/ready" >/dev/null; do
    kill -0 "${pids[0]}" 2>/dev/null || { echo "livetodo did not start: see $BENCH_DIR/app.log" >&2; exit 1; }
    sleep 0.2
done

post() { curl -sf -X POST -H 'Content-Type: application/json' ${2:+-H "Authorization: Bearer $2"} -d "$3" "$APP$1"; }
login() {
    post /users "" "{\"username\":\"$1\",\"password\":\"bench-password\"}" >/dev/null
    post /user "" "{\"username\":\"$1\",\"password\":\"bench-password\"}" | jq -r .session_id
}
export -f post login
export APP

# Readers: 64 users with 20 todos each in their personal lists (GET). Writers: 64 users who add to
# their personal lists and to one list that an owner shares with all of them (POST).
echo "setup: 64 readers with 20 todos each, 64 writers, one list shared by the writers"
owner_token=$(login bench-owner)
shared=$(post /lists "$owner_token" '{"name":"shared"}' | jq -r .id)
seq 0 63 | xargs -P 4 -I{} bash -c '
    token=$(login reader-{})
    ids=""
    for i in $(seq 1 20); do
        todo=$(post /todos/ "$token" "{\"name\":\"todo $i\"}")
        ids="$ids${ids:+,}$(jq -r .id <<<"$todo")"
    done
    echo "$token reader-{} $(jq -r .list_id <<<"$todo") $ids"' | sed "s/\$/ $shared/" >"$BENCH_DIR/readers.txt"
seq 0 63 | xargs -P 4 -I{} bash -c '
    token=$(login writer-{})
    list=$(post /todos/ "$token" "{\"name\":\"first\"}" | jq -r .list_id)
    echo "$token writer-{} $list 0"' | sed "s/\$/ $shared/" >"$BENCH_DIR/writers.txt"
cut -d' ' -f2 "$BENCH_DIR/writers.txt" | xargs -P 4 -I{} \
    curl -sf -X PUT -H "Authorization: Bearer $owner_token" "$APP/lists/$shared/members/{}"

# move: the writers move the 200 todos of the shared list. search: 50 lists of 200 todos, named
# from a few words, so that each query finds some.
if [[ " $SCENARIOS " == *" move "* ]]; then
    echo "setup: 200 todos in the shared list, for move"
    moved=$(seq 1 200 | xargs -P 4 -I{} bash -c "post /lists/$shared/todos/ $owner_token '{\"name\":\"moved {}\"}' | jq -r .id" | paste -sd,)
    awk -v ids="$moved" '{ $4 = ids; print }' "$BENCH_DIR/writers.txt" >"$BENCH_DIR/movers.txt"
fi
if [[ " $SCENARIOS " == *" search "* ]]; then
    echo "setup: one user with 50 lists of 200 todos, for search"
    searcher=$(login searcher)
    words=(milk paint garden invoice call book fence train lamp desk)
    for l in $(seq 1 50); do
        list=$(post /lists "$searcher" "{\"name\":\"list $l\"}" | jq -r .id)
        for i in $(seq 1 200); do
            echo "$list ${words[$((i % 10))]} ${words[$(((i * 3 + l) % 10))]} $i"
        done
    done | xargs -P 8 -L 1 bash -c 'post /lists/$0/todos/ '"$searcher"' "{\"name\":\"$1 $2 $3\",\"notes\":\"bought at the $2 shop\"}" >/dev/null'
    echo "$searcher searcher 0 0 $shared" >"$BENCH_DIR/searchers.txt"
fi

java -cp "bench/target/classes:$(cat "$BENCH_DIR/classpath")" io.livetodo.bench.RawBaseline \
    --port "$RAW_PORT" --db "postgresql://127.0.0.1:$PG_PORT/postgres" >"$BENCH_DIR/baseline.log" 2>&1 &
pids+=($!)
until grep -qs listening "$BENCH_DIR/baseline.log"; do
    kill -0 "${pids[1]}" 2>/dev/null || { echo "the baseline did not start: see $BENCH_DIR/baseline.log" >&2; exit 1; }
    sleep 0.2
done

# run <scenario> <target> <seconds>: prints "req/s p50-ms p99-ms failed"
run() {
    local users=$BENCH_DIR/readers.txt url=$APP
    case $1 in
        post-*) users=$BENCH_DIR/writers.txt ;;
        move) users=$BENCH_DIR/movers.txt ;;
        search) users=$BENCH_DIR/searchers.txt ;;
    esac
    [ "$2" = baseline ] && url=$RAW
    wrk -t2 -c"$CONNECTIONS" -d"$3s" --latency -s bench/http.lua "$url" -- "$1" "$2" "$users" "$2-$RANDOM$RANDOM" 2 |
        awk '/^RESULT/ { print $2, $3, $4, $5 }'
}
line() { printf '%-12s %-9s %8s req/s  p50 %7s ms  p99 %7s ms  failed %s%s\n' "$1" "$2" "${3:-?}" "${4:-?}" "${5:-?}" "${6:-?}" "${7:-}"; }

echo "cold: the first 10 s of GET /todos/{id}"
line get-one livetodo $(run get-one livetodo 10)
line get-one baseline $(run get-one baseline 10)

echo "warm-up: $WARMUP s for each target, spread over the scenarios"
only_livetodo() { [ "$1" = move ] || [ "$1" = search ]; }
for target in livetodo baseline; do
    for scenario in $SCENARIOS; do
        [ "$target" = baseline ] && only_livetodo "$scenario" && continue
        run "$scenario" "$target" $((WARMUP / $(wc -w <<<"$SCENARIOS"))) >/dev/null
    done
done

echo "measured: $ROUNDS rounds of $DURATION s per scenario and target; ratio = livetodo ÷ baseline in the same round"
for round in $(seq 1 "$ROUNDS"); do
    for scenario in $SCENARIOS; do
        read -r app_rate app_p50 app_p99 app_failed < <(run "$scenario" livetodo "$DURATION")
        if only_livetodo "$scenario"; then
            line "$scenario" livetodo "$app_rate" "$app_p50" "$app_p99" "$app_failed"
            continue
        fi
        # The baseline has no lists to lock: its one insert is the floor for both POST scenarios.
        base=$scenario
        [ "$scenario" = post-shared ] && base=post-own
        read -r raw_rate raw_p50 raw_p99 raw_failed < <(run "$base" baseline "$DURATION")
        ratio=$(awk -v a="$app_rate" -v b="$raw_rate" 'BEGIN { printf "%.2f", a / b }')
        line "$scenario" livetodo "$app_rate" "$app_p50" "$app_p99" "$app_failed" "  ratio $ratio"
        line "$base" baseline "$raw_rate" "$raw_p50" "$raw_p99" "$raw_failed"
    done
done
