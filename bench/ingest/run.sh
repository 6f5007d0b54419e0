#!/usr/bin/env bash
# Ingest benchmark (run by hand, not by CI):
#   1. PostgreSQL's own single-row insert commit rate (pgbench) on this machine;
#   2. callback acknowledgement: POST /webhooks/scale at increasing fixed rates (worker off),
#      accepted/s and p50/p99 latency from wrk, paced per connection by callbacks.lua;
#      and unpaced ("max");
#   3. callback -> stored throughput with a Scale stand-in (ScaleStandIn.java) answering after
#      50 ms, and the CPU each process used for it.
# Each phase warms the service up first (the JIT needs it). Everything runs on loopback: the
# service on :8181, the stand-in on :8189, a throwaway database annotation_bench_ingest on
# 127.0.0.1:5432 (dropped at the end). Takes about 5 minutes.
# Needs wrk, pgbench (apt-get install wrk postgresql-contrib) and a Java 21+ for the stand-in
# (STAND_IN_JAVA; the first /usr/lib/jvm/*-2x JDK by default).
#   bench/ingest/run.sh [--no-build]        results: record them in bench/ingest/RESULTS.md
# Knobs: PHASES="pgbench ack e2e", RATES, SECONDS_PER_RATE, E2E_SECONDS, E2E_RATE,
# ACK_WARMUP_SECONDS, E2E_WARMUP_SECONDS, APP_JAVA_OPTS (e.g. a profiler agent), E2E_SETUP_SQL.
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=annotation_bench_ingest
PG="psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAt"
APP_PORT=8181
SCALE_PORT=8189
KEY=bench-callback-key
WORK=target/bench-ingest
RATES=${RATES:-"250 500 1000 2000 max"}
SECONDS_PER_RATE=${SECONDS_PER_RATE:-10}
E2E_SECONDS=${E2E_SECONDS:-30}
E2E_RATE=${E2E_RATE:-1000}
CONNECTIONS=20
PHASES=${PHASES:-"pgbench ack e2e"}
app_pid=""
scale_pid=""

cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [[ -n $scale_pid ]] && kill "$scale_pid" 2>/dev/null || true
  $PG -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT

for tool in wrk pgbench psql; do
  command -v $tool >/dev/null || { echo "bench needs $tool: apt-get install wrk postgresql-contrib" >&2; exit 1; }
done

if [[ ${1:-} != --no-build ]]; then
  ./mvnw -B -q package -DskipTests
fi
mkdir -p "$WORK"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(java -version 2>&1 | head -1)"
$PG -d postgres -c "drop database if exists $DB" -c "create database $DB"

want() { [[ " $PHASES " == *" $1 "* ]]; }

# CPU seconds used so far by: the service, the stand-in, all PostgreSQL processes, the machine.
cpu_seconds() {
  python3 - "$app_pid" "$scale_pid" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
def ticks(pid):
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12])
    except (OSError, IndexError, ValueError):
        return 0
pg = sum(ticks(p) for p in os.listdir("/proc") if p.isdigit() and open(f"/proc/{p}/comm").read().strip() == "postgres")
cpu = [int(x) for x in open("/proc/stat").readline().split()[1:]]
print(ticks(sys.argv[1]) / hz, ticks(sys.argv[2]) / hz, pg / hz, (sum(cpu) - cpu[3] - cpu[4]) / hz)
PY
}

if want pgbench; then
echo "== 1. pgbench: single-row insert commits (8 clients, 10 s)"
$PG -d $DB -c "create table bench_insert (id bigserial primary key, task_id text not null, body text, at timestamptz not null default now())"
printf '%s\n' '\set id random(1, 1000000000)' \
  "insert into bench_insert (task_id, body) values ('task_' || :id, repeat('x', 200));" > "$WORK/insert.sql"
pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T 10 -f "$WORK/insert.sql" $DB 2>/dev/null | grep -E "^tps|latency average"
$PG -d $DB -c "drop table bench_insert"
fi

# Scale stand-in: any task id, the pairwise fixture's content, after 50 ms.
STAND_IN_JAVA=${STAND_IN_JAVA:-$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/java-2[1-9]* 2>/dev/null | head -1 || true)/bin/java}
"$STAND_IN_JAVA" bench/ingest/ScaleStandIn.java $SCALE_PORT 50 src/test/resources/scale/task-completed-pairwise.json \
  > "$WORK/stand-in.log" 2>&1 &
scale_pid=$!

start_app() { # $1: worker enabled
  QUARKUS_HTTP_PORT=$APP_PORT \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  QUARKUS_REST_CLIENT_SCALE_API_URL=http://127.0.0.1:$SCALE_PORT \
  SCALE_CALLBACK_AUTH_KEYS=$KEY SCALE_API_KEY=bench-scale-key API_ADMIN_TOKENS=bench-admin-token \
  INGEST_WORKER_ENABLED=$1 INGEST_WORKER_CONCURRENCY=32 INGEST_WORKER_BATCH_SIZE=32 \
  QUARKUS_DATASOURCE_JDBC_MAX_SIZE=40 \
    java -Xmx512m ${APP_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$WORK/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "localhost:$APP_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service did not become ready; see $WORK/app-$1.log" >&2
  exit 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""; }

load() { # <rate per second, or max: unpaced> <seconds> <id prefix>
  RATE=$([[ $1 == max ]] && echo 100000000 || echo "$1") CONNECTIONS=$CONNECTIONS CALLBACK_KEY=$KEY ID_PREFIX=$3 \
    wrk -t2 -c$CONNECTIONS -d"$2"s --latency -s bench/ingest/callbacks.lua "http://127.0.0.1:$APP_PORT" \
    | awk -v rate="$1" '/^ +50%/{p50=$2} /^ +99%/{p99=$2} /requests in/{n=$1} /Non-2xx/{bad=$NF}
                        /Requests\/sec/{rps=$2} END{printf "rate=%s/s requests=%s non_2xx=%s per_s=%s p50=%s p99=%s\n", rate, n, bad+0, rps, p50, p99}'
}

drain() { # waits until every delivery is stored or failed
  local total
  total=$($PG -d $DB -c "select count(*) from delivery")
  while [[ $($PG -d $DB -c "select count(*) from delivery where state in ('stored', 'failed')") -lt $total ]]; do
    sleep 0.2
  done
}

if want ack; then
echo "== 2. callback acknowledgement (worker off), ${SECONDS_PER_RATE} s per rate, $CONNECTIONS connections"
start_app false
# The JIT needs tens of seconds of traffic on two shared cores before the numbers settle.
load max "${ACK_WARMUP_SECONDS:-30}" warmup >/dev/null
for rate in $RATES; do
  load "$rate" "$SECONDS_PER_RATE" "ack$rate"
done
stop_app
$PG -d $DB -c "truncate delivery"
fi

if want e2e; then
echo "== 3. callback -> stored, Scale answering after 50 ms (${E2E_SECONDS} s of callbacks at $E2E_RATE/s)"
start_app true
# An experiment's schema change, e.g. E2E_SETUP_SQL="drop index annotation_model_idx".
[[ -n ${E2E_SETUP_SQL:-} ]] && $PG -d $DB -c "$E2E_SETUP_SQL"
load 300 "${E2E_WARMUP_SECONDS:-60}" e2e_warmup >/dev/null
drain
before=$($PG -d $DB -c "select count(*) from delivery")
read -r app0 scale0 pg0 all0 < <(cpu_seconds)
t0=$(date +%s.%N)
load "$E2E_RATE" "$E2E_SECONDS" e2e
drain
t1=$(date +%s.%N)
read -r app1 scale1 pg1 all1 < <(cpu_seconds)
queued=$(( $($PG -d $DB -c "select count(*) from delivery") - before ))
python3 - "$t0" "$t1" "$queued" "$app0" "$app1" "$scale0" "$scale1" "$pg0" "$pg1" "$all0" "$all1" <<'PY'
import sys
t0, t1, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
app, scale, pg, total = (float(sys.argv[i + 1]) - float(sys.argv[i]) for i in (4, 6, 8, 10))
e = t1 - t0
print(f"accepted={n} all_done_after_s={e:.1f} stored_per_s={n / e:.0f}")
print(f"cpu seconds: service={app:.1f} postgres={pg:.1f} stand-in={scale:.1f} machine={total:.1f} "
      f"of {2 * e:.1f} available; per stored task: service={1000 * app / n:.2f} ms postgres={1000 * pg / n:.2f} ms")
PY
$PG -d $DB -c "select 'deliveries ' || state || '=' || count(*) from delivery group by state"
$PG -d $DB -c "select 'annotations=' || count(*) from annotation"
curl -s "localhost:$APP_PORT/q/metrics" | grep -E '^ingest_callback_to_queryable_seconds_(count|sum)' || true
fi
