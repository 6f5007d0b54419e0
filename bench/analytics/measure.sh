#!/usr/bin/env bash
# Side-by-side measurements of the analytics endpoints against the same SQL in PostgreSQL.
# Needs a running service (see RESULTS.md) whose database holds generate.sql's data.
# Usage: bench/analytics/measure.sh <service pid>
# Environment: API (http://127.0.0.1:8181), TOKEN (bench-reader-token), DB (annotation_bench),
#              RUNS (10), PAGE_SECONDS (20).
set -euo pipefail
cd "$(dirname "$0")"

PID=${1:?usage: measure.sh <service pid>}
API=${API:-http://127.0.0.1:8181}
TOKEN=${TOKEN:-bench-reader-token}
DB=${DB:-annotation_bench}
RUNS=${RUNS:-10}
PAGE_SECONDS=${PAGE_SECONDS:-20}
PSQL=(psql -h 127.0.0.1 -U postgres -d "$DB" -X -q)
AUTH="Authorization: Bearer $TOKEN"

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ms() { awk '{printf "%.1f", $1 * 1000}'; }

rows=$("${PSQL[@]}" -Atc 'select count(*) from annotation')
echo "annotations: $rows; service pid $PID; $(nproc) cores"

echo "== 1. stats per source (key=helpfulness): API vs the same two statements in psql, median of $RUNS"
stats_url="$API/api/v1/annotations/stats?key=helpfulness&group_by=source_id"
for _ in 1 2; do curl -sf -o /dev/null -H "$AUTH" "$stats_url"; done
api=$(for _ in $(seq "$RUNS"); do curl -sf -o /dev/null -w '%{time_total}\n' -H "$AUTH" "$stats_url"; done | median)
sql=$({ cat stats.sql
        for _ in $(seq $((RUNS + 2))); do
          echo "begin isolation level repeatable read read only;"
          echo "execute aggregates('helpfulness');"
          echo "execute buckets('helpfulness', 101);"
          echo "rollback;"
        done; } | "${PSQL[@]}" | awk '/^Time:/ {t += $2; if (++n % 4 == 0) {print t / 1000; t = 0}}' \
        | tail -n "$RUNS" | median)
echo "api $(echo "$api" | ms) ms, psql $(echo "$sql" | ms) ms, ratio $(awk -v a="$api" -v s="$sql" 'BEGIN {printf "%.2f", a / s}') (goal <= 1.3)"

echo "== 2. a filtered page of 1,000 annotations, one connection for ${PAGE_SECONDS}s (wrk)"
for query in "key=helpfulness&source_id=model_b&limit=1000" "project=proj_3&level=message&limit=1000"; do
  echo "-- /api/v1/annotations?$query"
  wrk -t1 -c1 -d10s -H "$AUTH" "$API/api/v1/annotations?$query" > /dev/null # JIT warm-up, not counted
  wrk -t1 -c1 -d"${PAGE_SECONDS}s" --latency -H "$AUTH" "$API/api/v1/annotations?$query" \
    | grep -E 'Requests/sec|^ +(50|90|99)%'
done

columns=$(sed -n '/ROW_COLUMNS =/,/completed_at"""/p' ../../src/main/java/io/annotationstore/query/AnnotationSql.java \
  | grep -o 'a\.[a-z_]*' | paste -sd, -)
copy_seconds() {
  local start end
  start=$(date +%s.%N)
  "${PSQL[@]}" -c "\\copy (select $columns from annotation a order by a.id) to stdout with csv header" > /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {print e - s}'
}
heap_report() {
  # jstat -gc columns 3, 4, 6, 8: survivor 0 and 1, eden and old generation used, in KB
  awk 'NR > 1 && $1 ~ /^[0-9]/ {used = ($3 + $4 + $6 + $8) / 1024; old = $8 / 1024
         if (n++ == 0 || used < min) min = used; if (used > max) max = used; if (old > oldmax) oldmax = old}
       END {printf "heap used min %d MB, max %d MB; old generation max %d MB; %d samples of 200 ms", min, max, oldmax, n}' "$1"
}

echo "== 3. full export vs COPY ... TO STDOUT (CSV), median of 3, with the service's heap during the exports"
copy=$(for _ in 1 2 3; do copy_seconds; done | median)
echo "copy: $(awk -v t="$copy" -v r="$rows" 'BEGIN {printf "%.2f s, %.0f rows/s", t, r / t}')"
for format in csv jsonl; do
  # JIT warm-up on a fifth of the rows, not counted
  curl -sf -o /dev/null -H "$AUTH" "$API/api/v1/exports/annotations?format=$format&project=proj_0"
  jcmd "$PID" GC.run > /dev/null
  jstat -gc "$PID" 200 > "/tmp/bench-heap-$format.txt" &
  sampler=$!
  for _ in 1 2 3; do
    curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' -H "$AUTH" "$API/api/v1/exports/annotations?format=$format"
  done > "/tmp/bench-export-$format.txt"
  kill "$sampler"
  wait "$sampler" 2> /dev/null || true
  seconds=$(cut -d' ' -f1 "/tmp/bench-export-$format.txt" | median)
  bytes=$(head -1 "/tmp/bench-export-$format.txt" | cut -d' ' -f2)
  echo "$format: $(awk -v t="$seconds" -v r="$rows" -v b="$bytes" -v c="$copy" \
    'BEGIN {printf "%.2f s, %.0f rows/s, %.0f MB, %.0f %% of COPY rows/s", t, r / t, b / 1e6, 100 * c / t}')" \
    "(runs: $(cut -d' ' -f1 "/tmp/bench-export-$format.txt" | paste -sd' ') s)"
  echo "   during the exports: $(heap_report "/tmp/bench-heap-$format.txt")"
done
jcmd "$PID" GC.heap_info | sed -n '1,3p'
