#!/usr/bin/env bash
# Issue 12 §1, "Redis hung": p99 of anonymous catalog reads and liveness at 256 concurrent clients, first
# with Redis healthy, then with the Redis process paused (SIGSTOP: TCP stays open, nothing answers) once the
# breakers have opened. Goals: catalog reads p99 < 250 ms, liveness p99 < 100 ms, no request waits longer
# than the command timeout for Redis (the max latency is printed next to it; at -c256 on 2 cores it also
# holds queueing in Tomcat, so it is an upper bound of the Redis wait, not the wait itself).
#
# The app is the dev run (TestApplication from the test classpath: embedded PostgreSQL and Redis on free
# ports, 10,000 demo products), rate limiting off (256 clients from one address would be limited),
# production Redis timeouts (500 ms). wrk comes from PATH, or from Debian's package unpacked into
# bench/.tools (apt-get download; no root install needed). The paused redis-server is the app's own child
# process, found by parent pid; it is resumed (SIGCONT) on exit whatever happens.
# Usage: bench/redis-hung.sh [seconds-per-scenario]   env: BENCH_CONNECTIONS (256), BENCH_THREADS (2),
# BENCH_WARMUP (20 s), BENCH_PORT (18191), BENCH_REDIS_TIMEOUT (500ms), BENCH_OPEN_REQUESTS (5)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-256}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-20}
PORT=${BENCH_PORT:-18191}
REDIS_TIMEOUT=${BENCH_REDIS_TIMEOUT:-500ms}
OUT=target/bench
mkdir -p "$OUT"

source bench/dev-run.sh
find_wrk

APP_PID=""
REDIS_PID=""
cleanup() {
  if [[ -n "$REDIS_PID" ]]; then kill -CONT "$REDIS_PID" 2>/dev/null || true; fi
  if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
start_dev_app redis-hung "$REDIS_TIMEOUT"

# The app's own redis-server (DevServices starts it as a child process); the embedded PostgreSQL is a child too.
REDIS_PID=$(ps -o pid=,args= --ppid "$APP_PID" | awk '$2 ~ /redis-server/ {print $1; exit}')
[[ -n "$REDIS_PID" ]] || { echo "no redis-server child of $APP_PID" >&2; exit 1; }
echo "app $APP_PID, redis-server $REDIS_PID ($(ps -o args= -p "$REDIS_PID")), command timeout $REDIS_TIMEOUT" >&2

HOT=1
NAMES=(product listing categories liveness)
run() { # $1 scenario, $2 seconds; prints "p99-ms max-ms req/s non-2xx errors"
  local out
  # --timeout well above any goal, so slow requests are measured instead of dropped as wrk timeouts.
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$2s" --latency --timeout 10s)
  case "$1" in
    product) out=$(BENCH_PATH=/api/products/$HOT BENCH_TOKEN= "$WRK" "${args[@]}" -s bench/request.lua "$BASE") ;;
    listing) out=$("$WRK" "${args[@]}" -s bench/listing.lua "$BASE") ;;
    categories) out=$(BENCH_PATH=/api/categories BENCH_TOKEN= "$WRK" "${args[@]}" -s bench/request.lua "$BASE") ;;
    liveness) out=$(BENCH_PATH=/actuator/health/liveness BENCH_TOKEN= "$WRK" "${args[@]}" -s bench/request.lua "$BASE") ;;
  esac
  echo "$out" >>"$OUT/redis-hung-wrk.log"
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    $1 == "Latency" && NF >= 4 && max == "" { max = ms($4) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    /Non-2xx/ { non2xx = $NF }
    /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    END { printf "%.1f %.1f %s %d %d\n", p99, max, rps, non2xx, errors }'
}

: >"$OUT/redis-hung-wrk.log"
echo "warm-up: ${WARMUP}s per scenario, Redis healthy" >&2
for name in "${NAMES[@]}"; do run "$name" "$WARMUP" >/dev/null; done
declare -A HEALTHY HUNG
for name in "${NAMES[@]}"; do HEALTHY[$name]=$(run "$name" "$DURATION"); echo "healthy $name: ${HEALTHY[$name]}" >&2; done

kill -STOP "$REDIS_PID"
echo "redis-server $REDIS_PID paused; opening the breakers with ${BENCH_OPEN_REQUESTS:-5} requests of each kind" >&2
for _ in $(seq 1 "${BENCH_OPEN_REQUESTS:-5}"); do
  # An uncached listing misses L1 and asks Redis (cache breaker); the hot product is an L1 hit.
  curl -s -o /dev/null -m 10 "$BASE/api/products?category=1&q=open$RANDOM&size=20" || true
  curl -s -o /dev/null -m 10 "$BASE/api/products/$HOT" || true
done
for name in "${NAMES[@]}"; do HUNG[$name]=$(run "$name" "$DURATION"); echo "hung $name: ${HUNG[$name]}" >&2; done
kill -CONT "$REDIS_PID"
REDIS_PID=""

timeout_ms=$(awk -v t="$REDIS_TIMEOUT" 'BEGIN{ if (t ~ /ms$/) print t + 0; else if (t ~ /s$/) print t * 1000; else print t }')
echo
printf "%-12s %-16s %9s %9s %9s %8s %7s   %s\n" scenario redis "p99 ms" "max ms" "req/s" non-2xx errors goal
for name in "${NAMES[@]}"; do
  goal="p99 < 250 ms"; [[ "$name" == liveness ]] && goal="p99 < 100 ms"
  read -r p99 max rps non2xx errors <<<"${HEALTHY[$name]}"
  printf "%-12s %-16s %9s %9s %9s %8s %7s\n" "$name" healthy "$p99" "$max" "$rps" "$non2xx" "$errors"
  read -r p99 max rps non2xx errors <<<"${HUNG[$name]}"
  verdict=$(awk -v p="$p99" -v g="$([[ "$name" == liveness ]] && echo 100 || echo 250)" 'BEGIN{print (p < g ? "met" : "MISSED")}')
  printf "%-12s %-16s %9s %9s %9s %8s %7s   %s: %s\n" "$name" "paused (SIGSTOP)" "$p99" "$max" "$rps" "$non2xx" "$errors" "$goal" "$verdict"
done
echo "command timeout: ${timeout_ms} ms (max latency includes queueing at -c$CONNECTIONS; raw wrk output: $OUT/redis-hung-wrk.log)"
