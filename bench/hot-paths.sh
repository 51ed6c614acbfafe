#!/usr/bin/env bash
# The hot-path benchmark of issue 12, in one run on one app: liveness, categories and a hot product (each
# anonymous and signed in), Zipf product reads, cached and uncached listings. Scenarios are interleaved in
# rounds after a warm-up; medians of req/s per scenario; each ratio is printed next to its goal. The uncached
# listing is the same requests (bench/listing.lua) against a second app with the cache off
# (storefront.cache.mode=none), idle while the first one is measured.
#
# The app is the dev run (TestApplication from the test classpath: embedded PostgreSQL and Redis on free
# ports, 10,000 demo products), rate limiting off. wrk comes from PATH, or from Debian's package unpacked
# into bench/.tools (apt-get download; no root install needed).
# Usage: bench/hot-paths.sh [seconds-per-scenario]   env: BENCH_ROUNDS (3), BENCH_CONNECTIONS (32),
# BENCH_THREADS (2), BENCH_WARMUP (20 s), BENCH_PORT (18190), BENCH_REDIS_TIMEOUT (3s: a loaded machine misses
# the 500 ms connect timeout at startup; production keeps 500 ms)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-20}
PORT=${BENCH_PORT:-18190}
OUT=target/bench
mkdir -p "$OUT"

source bench/dev-run.sh
find_wrk

APP_PID=""
PIDS=()
stop_app() {
  for pid in "${PIDS[@]}" "$APP_PID"; do
    [[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  done
}
trap stop_app EXIT
# The baseline of the listing cache: the same app and seed with the cache off, on the next port.
CACHED_PORT=$PORT
PORT=$((CACHED_PORT + 1)) start_dev_app hot-paths-nocache "${BENCH_REDIS_TIMEOUT:-3s}" --storefront.cache.mode=none
PIDS+=("$APP_PID"); NOCACHE_BASE=$BASE
PORT=$CACHED_PORT
start_dev_app hot-paths "${BENCH_REDIS_TIMEOUT:-3s}"

EMAIL="bench-$RANDOM$RANDOM@example.com"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"password123\",\"name\":\"Bench\"}" "$BASE/api/auth/register"
TOKEN=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"password123\"}" "$BASE/api/auth/login" \
  | awk 'tolower($1)=="x-auth-token:"{print $2}' | tr -d '\r')
[[ -n "$TOKEN" ]] || { echo "login failed" >&2; exit 1; }
HOT=1

NAMES=(liveness categories-anon categories-signed-in product-anon product-signed-in zipf listing listing-uncached)
run() { # $1 scenario, $2 seconds; prints req/s
  local out
  case "$1" in
    liveness) out=$(BENCH_PATH=/actuator/health/liveness BENCH_TOKEN= "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/request.lua "$BASE") ;;
    categories-anon) out=$(BENCH_PATH=/api/categories BENCH_TOKEN= "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/request.lua "$BASE") ;;
    categories-signed-in) out=$(BENCH_PATH=/api/categories BENCH_TOKEN="$TOKEN" "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/request.lua "$BASE") ;;
    product-anon) out=$(BENCH_PATH=/api/products/$HOT BENCH_TOKEN= "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/request.lua "$BASE") ;;
    product-signed-in) out=$(BENCH_PATH=/api/products/$HOT BENCH_TOKEN="$TOKEN" "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/request.lua "$BASE") ;;
    zipf) out=$(BENCH_PRODUCTS=10000 "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/zipf.lua "$BASE") ;;
    listing) out=$("$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/listing.lua "$BASE") ;;
    listing-uncached) out=$("$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/listing.lua "$NOCACHE_BASE") ;;
  esac
  if echo "$out" | grep -q "Non-2xx"; then echo "$1: non-2xx responses: $out" >&2; exit 1; fi
  echo "$out" | awk '$1=="Requests/sec:"{print $2}'
}

echo "warm-up: ${WARMUP}s per scenario" >&2
for name in "${NAMES[@]}"; do run "$name" "$WARMUP" >/dev/null; done
declare -A RPS
for round in $(seq 1 "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    RPS[$name]+="$(run "$name" "$DURATION") "
    echo "round $round $name: ${RPS[$name]}" >&2
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A M
printf "%-22s %10s   (median of %s x %ss, wrk -t%s -c%s)\n" scenario "req/s" "$ROUNDS" "$DURATION" "$THREADS" "$CONNECTIONS"
for name in "${NAMES[@]}"; do M[$name]=$(echo "${RPS[$name]}" | median); printf "%-22s %10s\n" "$name" "${M[$name]}"; done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}'; }
echo
printf "%-52s %8s %8s\n" "ratio" "measured" "goal"
printf "%-52s %8s %8s\n" "signed-in / anonymous categories" "$(ratio "${M[categories-signed-in]}" "${M[categories-anon]}")" ">= 0.5"
printf "%-52s %8s %8s\n" "signed-in / anonymous hot product" "$(ratio "${M[product-signed-in]}" "${M[product-anon]}")" ">= 0.5"
printf "%-52s %8s %8s\n" "anonymous hot product / liveness" "$(ratio "${M[product-anon]}" "${M[liveness]}")" ">= 0.9"
printf "%-52s %8s %8s\n" "listing (cached) / listing-uncached" "$(ratio "${M[listing]}" "${M[listing-uncached]}")" ">= 10"
printf "%-52s %8s %8s\n" "zipf product reads / liveness" "$(ratio "${M[zipf]}" "${M[liveness]}")" "-"
