#!/usr/bin/env bash
# Ingest benchmark (run by hand, not by CI):
#   1. PostgreSQL's own single-row insert commit rate (pgbench) on this machine;
#   2. callback acknowledgement: POST /webhooks/scale at increasing fixed rates (worker off),
#      accepted/s and p50/p99 latency from wrk, paced per connection by callbacks.lua;
#   3. callback -> stored throughput with a Scale stand-in answering after 50 ms.
# Everything runs on loopback: the service on :8181, the stand-in on :8189, a throwaway
# database annotation_bench_ingest on 127.0.0.1:5432 (dropped at the end).
# Needs wrk and pgbench (apt-get install wrk postgresql-contrib).
#   bench/ingest/run.sh [--no-build]        results: record them in bench/ingest/RESULTS.md
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=annotation_bench_ingest
PG="psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAt"
APP_PORT=8181
SCALE_PORT=8189
KEY=bench-callback-key
WORK=target/bench-ingest
RATES=${RATES:-"250 500 1000 2000"}
SECONDS_PER_RATE=${SECONDS_PER_RATE:-10}
E2E_SECONDS=${E2E_SECONDS:-10}
E2E_RATE=${E2E_RATE:-1000}
CONNECTIONS=20
app_pid=""
scale_pid=""

cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [[ -n $scale_pid ]] && kill "$scale_pid" 2>/dev/null || true
  $PG -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [[ ${1:-} != --no-build ]]; then
  ./mvnw -B -q package -DskipTests
fi
mkdir -p "$WORK/stand-in/mappings"
JAR=target/stand-in/wiremock-standalone-3.13.2.jar
[[ -f $JAR ]] || ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -DoutputDirectory=target/stand-in

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(java -version 2>&1 | head -1)"
$PG -d postgres -c "drop database if exists $DB" -c "create database $DB"

echo "== 1. pgbench: single-row insert commits (8 clients, 10 s)"
$PG -d $DB -c "create table bench_insert (id bigserial primary key, task_id text not null, body text, at timestamptz not null default now())"
printf '%s\n' '\set id random(1, 1000000000)' \
  "insert into bench_insert (task_id, body) values ('task_' || :id, repeat('x', 200));" > "$WORK/insert.sql"
pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T 10 -f "$WORK/insert.sql" $DB 2>/dev/null | grep -E "^tps|latency average"
$PG -d $DB -c "drop table bench_insert"

# Scale stand-in: any task id, the pairwise fixture's content, after 50 ms.
python3 - "$WORK/stand-in/mappings/task.json" <<'PY'
import json, sys
body = open("src/test/resources/scale/task-completed-pairwise.json").read().replace("task_123", "{{request.query.task_id}}")
json.dump({"request": {"method": "GET", "urlPath": "/v2/task"},
           "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": body,
                        "fixedDelayMilliseconds": 50, "transformers": ["response-template"]}},
          open(sys.argv[1], "w"))
PY
java -jar "$JAR" --bind-address 127.0.0.1 --port $SCALE_PORT --root-dir "$WORK/stand-in" --disable-banner \
  --no-request-journal --async-response-enabled true --container-threads 64 > "$WORK/stand-in.log" 2>&1 &
scale_pid=$!

start_app() { # $1: worker enabled
  QUARKUS_HTTP_PORT=$APP_PORT \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  QUARKUS_REST_CLIENT_SCALE_API_URL=http://127.0.0.1:$SCALE_PORT \
  SCALE_CALLBACK_AUTH_KEYS=$KEY SCALE_API_KEY=bench-scale-key API_ADMIN_TOKENS=bench-admin-token \
  INGEST_WORKER_ENABLED=$1 INGEST_WORKER_CONCURRENCY=32 INGEST_WORKER_BATCH_SIZE=32 \
  QUARKUS_DATASOURCE_JDBC_MAX_SIZE=40 \
    java -Xmx512m -jar target/quarkus-app/quarkus-run.jar > "$WORK/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "localhost:$APP_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service did not become ready; see $WORK/app-$1.log" >&2
  exit 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""; }

load() { # <rate> <seconds> <id prefix>
  RATE=$1 CONNECTIONS=$CONNECTIONS CALLBACK_KEY=$KEY ID_PREFIX=$3 \
    wrk -t2 -c$CONNECTIONS -d"$2"s --latency -s bench/ingest/callbacks.lua "http://127.0.0.1:$APP_PORT" \
    | awk -v rate="$1" '/^ +50%/{p50=$2} /^ +99%/{p99=$2} /requests in/{n=$1} /Non-2xx/{bad=$NF}
                        /Requests\/sec/{rps=$2} END{printf "rate=%s/s requests=%s non_2xx=%s per_s=%s p50=%s p99=%s\n", rate, n, bad+0, rps, p50, p99}'
}

echo "== 2. callback acknowledgement (worker off), ${SECONDS_PER_RATE} s per rate, $CONNECTIONS connections"
start_app false
load 500 5 warmup >/dev/null
for rate in $RATES; do
  load "$rate" "$SECONDS_PER_RATE" "ack$rate"
done
stop_app
$PG -d $DB -c "truncate delivery"

echo "== 3. callback -> stored, Scale answering after 50 ms (${E2E_SECONDS} s of callbacks at $E2E_RATE/s)"
start_app true
t0=$(date +%s.%N)
load "$E2E_RATE" "$E2E_SECONDS" e2e
queued=$($PG -d $DB -c "select count(*) from delivery")
while [[ $($PG -d $DB -c "select count(*) from delivery where state in ('stored', 'failed')") -lt $queued ]]; do
  sleep 0.2
done
t1=$(date +%s.%N)
python3 -c "import sys; e=float(sys.argv[2])-float(sys.argv[1]); print(f'accepted={sys.argv[3]} all_done_after_s={e:.1f} stored_per_s={int(sys.argv[3])/e:.0f}')" "$t0" "$t1" "$queued"
$PG -d $DB -c "select 'deliveries ' || state || '=' || count(*) from delivery group by state"
$PG -d $DB -c "select 'annotations=' || count(*) from annotation"
curl -s "localhost:$APP_PORT/q/metrics" | grep -E '^ingest_callback_to_queryable_seconds_(count|sum)' || true
