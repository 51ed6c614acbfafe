#!/usr/bin/env bash
# Cache benchmark: the same app in modes two-level / redis / none against the machine's PostgreSQL
# (127.0.0.1:5432, user postgres, database storefront_bench) and Redis (127.0.0.1:6379), with 100k
# products. Workloads (wrk): a trivial endpoint, one hot product, Zipf product reads, listing pages.
# Rate limiting is off: the anonymous policy (100 requests/min per IP) would answer 429 to wrk.
# Prints req/s and p99 per mode and workload, and the ratios two-level/redis and two-level/none.
#   bench/run-cache-bench.sh    # DURATION=15s WARMUP=5s ZIPF_WARMUP=$WARMUP CONNECTIONS=32 THREADS=2 MODES WORKLOADS
# The Zipf hit ratio is measured over the measured window only (cachestats before and after it), so a
# long ZIPF_WARMUP gives the steady-state figure (the none mode skips it: nothing to warm).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}; WARMUP=${WARMUP:-5s}; ZIPF_WARMUP=${ZIPF_WARMUP:-$WARMUP}; WORKLOADS=${WORKLOADS:-"trivial hot zipf listing"}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}
PORT=${PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}; PRODUCTS=${PRODUCTS:-100000}; MODES=${MODES:-"two-level redis none"}
DB_URL=jdbc:postgresql://127.0.0.1:5432/storefront_bench
ADMIN_EMAIL=bench@storefront.local; ADMIN_PASSWORD=bench-password-123
OUT=${OUT:-target/bench-cache}; mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

ss -ltn | grep -q ":$PORT " && { echo "port $PORT is taken" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname='storefront_bench'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "create database storefront_bench"
. bench/fresh-jar.sh
fresh_jar
# A private copy: a rebuild of target/ during the run must not pull the jar from under the app.
cp "$JAR" "$OUT/app.jar"; JAR=$OUT/app.jar

APP_PID=
stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; APP_PID=; }
trap stop_app EXIT

start_app() { # $1 = mode
  # Each mode starts from an empty cache.
  redis-cli -h 127.0.0.1 -p 6379 --scan --pattern 'sf:cache:*' | xargs -r -n 500 redis-cli -h 127.0.0.1 -p 6379 unlink >/dev/null
  java -Xms1g -Xmx1g -jar "$JAR" --server.port="$PORT" \
    --spring.datasource.url="$DB_URL" --spring.datasource.username=postgres --spring.datasource.password= \
    --spring.data.redis.url=redis://127.0.0.1:6379 --storefront.cache.mode="$1" \
    --spring.data.redis.connect-timeout=5s --spring.data.redis.timeout=2s \
    --storefront.catalog.demo.products="$PRODUCTS" --storefront.admin.email="$ADMIN_EMAIL" \
    --storefront.ratelimit.enabled=false \
    --storefront.admin.password="$ADMIN_PASSWORD" --logging.level.root=warn >"$OUT/app-$1.log" 2>&1 &
  APP_PID=$!
  # Only our process may answer: another app on the same port would silently be measured instead.
  for _ in $(seq 1 600); do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$OUT/app-$1.log" >&2; exit 1; }
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "app did not start" >&2; exit 1
}

run_wrk() { # $1 = mode, $2 = workload, then wrk target args; WARM overrides the warm-up
  local mode=$1 name=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM:-$WARMUP}" "$@" >/dev/null
  if [ "$mode" = two-level ]; then hit_ratio >"$OUT/$mode-$name-stats-before.json"; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$OUT/$mode-$name.txt"
  if [ "$mode" = two-level ]; then hit_ratio >"$OUT/$mode-$name-stats-after.json"; fi
  if grep -q "Non-2xx" "$OUT/$mode-$name.txt"; then
    echo "unexpected non-2xx responses in $mode $name:" >&2; cat "$OUT/$mode-$name.txt" >&2; exit 1
  fi
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/$mode-$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/$mode-$name.txt")
  echo "$mode $name $rps $p99" >>"$OUT/results.txt"
  printf '%-10s %-9s %10s req/s  p99 %s\n' "$mode" "$name" "$rps" "$p99"
}

hit_ratio() { # overall product-cache hit ratio of this instance, from /actuator/cachestats
  local token
  token=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" "http://127.0.0.1:$PORT/api/auth/login" \
    | awk 'tolower($1)=="x-auth-token:" {print $2}' | tr -d '\r')
  curl -s -H "X-Auth-Token: $token" "http://127.0.0.1:$PORT/actuator/cachestats"
}

: >"$OUT/results.txt"
BASE="http://127.0.0.1:$PORT"
for mode in $MODES; do
  start_app "$mode"
  for w in $WORKLOADS; do case $w in
    trivial) run_wrk "$mode" trivial "$BASE/actuator/health/liveness" ;;
    hot) run_wrk "$mode" hot "$BASE/api/products/42" ;;
    zipf)
      warm=$ZIPF_WARMUP; [ "$mode" = none ] && warm=$WARMUP
      WARM=$warm BENCH_PRODUCTS=$PRODUCTS run_wrk "$mode" zipf -s bench/zipf.lua "$BASE"
      if [ "$mode" = two-level ]; then # hits / gets of the product cache during the measured window only
        jq -n --slurpfile b "$OUT/$mode-zipf-stats-before.json" --slurpfile a "$OUT/$mode-zipf-stats-after.json" \
          '($a[0].product.gets - $b[0].product.gets) as $g
           | (($a[0].product.hitRatio * $a[0].product.gets - $b[0].product.hitRatio * $b[0].product.gets) / $g) as $h
           | "two-level zipf measured window: \($g) product gets, hit ratio \($h * 10000 | round / 10000)"' -r \
          | tee -a "$OUT/stats.txt"
      fi ;;
    listing) run_wrk "$mode" listing -s bench/listing.lua "$BASE" ;;
  esac; done
  echo "$mode cachestats $(hit_ratio "$mode")" | tee -a "$OUT/stats.txt"
  stop_app
done

echo; echo "Ratios (req/s):"
awk '{rps[$1" "$2]=$3} END {
  split("trivial hot zipf listing", w, " ");
  for (i = 1; i <= 4; i++) { n = w[i];
    printf "%-8s two-level/redis %.2f   two-level/none %.2f\n", n,
      (rps["redis " n] ? rps["two-level " n] / rps["redis " n] : 0), (rps["none " n] ? rps["two-level " n] / rps["none " n] : 0) }
  printf "hot two-level / trivial two-level %.2f\n", (rps["two-level trivial"] ? rps["two-level hot"] / rps["two-level trivial"] : 0);
  printf "listing two-level / listing none %.2f\n", (rps["none listing"] ? rps["two-level listing"] / rps["none listing"] : 0) }' "$OUT/results.txt"
