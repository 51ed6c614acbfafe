#!/usr/bin/env bash
# Cost of the rate limit filter per request, in one run: a cheap endpoint (liveness: no database, no
# Redis) on one app with the filter switched off and on another with it on (no policy applying, then
# each algorithm), interleaved in rounds; medians and ratios against the filter-off app. Needs wrk, PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on
# 127.0.0.1:6379 (database 15 is used). Usage: bench/ratelimit.sh [seconds-per-scenario]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
PORT=${BENCH_PORT:-18080}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
. bench/fresh-jar.sh
fresh_jar
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='storefront_bench_rl'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "create database storefront_bench_rl" >/dev/null
mkdir -p target/bench
PIDS=()
stop_apps() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; PIDS=(); }
trap stop_apps EXIT

start_app() { # $1 = port, $2 = enabled (true|false)
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/storefront_bench_rl SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD= SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379/15 \
  SPRING_DATA_REDIS_TIMEOUT=${BENCH_REDIS_TIMEOUT:-2s} SPRING_DATA_REDIS_CONNECT_TIMEOUT=${BENCH_REDIS_TIMEOUT:-2s} \
  SPRING_APPLICATION_JSON="$(cat bench/ratelimit-policies.json)" \
    java -Xmx512m -jar "$JAR" --server.port="$1" --storefront.ratelimit.enabled="$2" \
      --logging.level.root=warn --server.tomcat.basedir="target/bench/tomcat-$1" >"target/bench/app-$2.log" 2>&1 &
  PIDS+=($!)
}

wait_app() { # $1 = port
  for _ in $(seq 1 480); do
    curl -fs "http://127.0.0.1:$1/actuator/health/liveness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "app on port $1 did not start; see target/bench/" >&2; exit 1
}

# Prints "p50_ms req_per_s" for one scenario: $1 = port, $2 = header of the policy under test (or empty).
measure() {
  local out p50 rps
  out=$(BENCH_HEADER="$2" wrk -t1 -c"$CONNECTIONS" -d"$3s" --latency -s bench/ratelimit-request.lua \
    "http://127.0.0.1:$1")
  if echo "$out" | grep -q "Non-2xx"; then echo "unexpected non-2xx responses: $out" >&2; exit 1; fi
  p50=$(echo "$out" | awk '$1=="50%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  rps=$(echo "$out" | awk '$1=="Requests/sec:"{print $2}')
  echo "$p50 $rps"
}

# Both apps run side by side; scenarios are interleaved in rounds so load from the machine hits all alike.
LABELS=("filter off (other JVM)" "no policy applies (baseline)" "token bucket" "token bucket, sync-every 200ms" \
  "fixed window" "sliding log")
PORTS=("$PORT" "$((PORT + 1))" "$((PORT + 1))" "$((PORT + 1))" "$((PORT + 1))" "$((PORT + 1))")
HEADERS=("" "" "X-Bench-TB" "X-Bench-TB-Sync" "X-Bench-FW" "X-Bench-SL")
ROUNDS=${BENCH_ROUNDS:-5}

start_app "$PORT" false
wait_app "$PORT"
start_app "$((PORT + 1))" true
wait_app "$((PORT + 1))"
for i in "${!LABELS[@]}"; do measure "${PORTS[$i]}" "${HEADERS[$i]}" 5 >/dev/null; done   # JIT warm-up
: >target/bench/samples.txt
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!LABELS[@]}"; do
    echo "$i $(measure "${PORTS[$i]}" "${HEADERS[$i]}" "$DURATION")" >>target/bench/samples.txt
  done
done
stop_apps

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Baseline: the same JVM with no policy applying (the filter only matches paths), so JIT and heap state
# are shared with the algorithm scenarios; the separate filter-off JVM is shown for reference.
base_p50=$(awk '$1==1{print $2}' target/bench/samples.txt | median)
base_rps=$(awk '$1==1{print $3}' target/bench/samples.txt | median)
printf '%-32s %10s %12s %10s %10s\n' "scenario (median of $ROUNDS)" "p50 ms" "req/s" "p50 x" "req/s x"
for i in "${!LABELS[@]}"; do
  p=$(awk -v i="$i" '$1==i{print $2}' target/bench/samples.txt | median)
  r=$(awk -v i="$i" '$1==i{print $3}' target/bench/samples.txt | median)
  awk -v l="${LABELS[$i]}" -v p="$p" -v r="$r" -v bp="$base_p50" -v br="$base_rps" \
    'BEGIN{printf "%-32s %10.3f %12.0f %10.2f %10.2f\n", l, p, r, p/bp, r/br}'
done
echo "($CONNECTIONS connections, ${DURATION}s per sample, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
