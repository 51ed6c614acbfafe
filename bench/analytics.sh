#!/usr/bin/env bash
# Cost of analytics recording on product reads, in one run on one app: GET /api/products/{id} (records a
# unique visitor, and for a logged-in user the recently viewed list) against GET /api/products/slug/{slug}
# (the same read, not recorded) as the baseline, anonymous and logged in, interleaved in rounds; medians
# and ratios against the baseline. Needs wrk, PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis
# on 127.0.0.1:6379 (database 14 is used). Redis timeouts default to 3 s here (BENCH_REDIS_TIMEOUT) because
# the shared machine is loaded; production keeps 500 ms. Rate limiting is off (the anonymous policy allows
# 100 requests/min per IP; its cost is measured by bench/ratelimit.sh). Usage: bench/analytics.sh [seconds-per-scenario]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
PORT=${BENCH_PORT:-18180}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
ROUNDS=${BENCH_ROUNDS:-3}
. bench/fresh-jar.sh
fresh_jar
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='storefront_bench_an'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "create database storefront_bench_an" >/dev/null
mkdir -p target/bench
APP_PID=""
stop_app() { if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap stop_app EXIT

ADMIN=bench-admin@storefront.bench
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/storefront_bench_an SPRING_DATASOURCE_USERNAME=postgres \
SPRING_DATASOURCE_PASSWORD= SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379/14 \
STOREFRONT_ADMIN_EMAIL=$ADMIN STOREFRONT_ADMIN_PASSWORD=bench-admin-password \
  java -Xmx512m -jar "$JAR" --server.port="$PORT" --logging.level.root=warn --storefront.ratelimit.enabled=false \
    --spring.data.redis.timeout="${BENCH_REDIS_TIMEOUT:-3s}" --spring.data.redis.connect-timeout="${BENCH_REDIS_TIMEOUT:-3s}" \
    --server.tomcat.basedir="target/bench/tomcat-$PORT" >"target/bench/app-analytics.log" 2>&1 &
APP_PID=$!
UP=""
for _ in $(seq 1 480); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then UP=1; break; fi
  sleep 0.5
done
[[ -n "$UP" ]] || { echo "app did not become ready; see target/bench/app-analytics.log" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() { curl -fs -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" \
  "$BASE/api/auth/login" | awk 'tolower($1)=="x-auth-token:"{print $2}' | tr -d '\r'; }
ADMIN_TOKEN=$(login "$ADMIN" bench-admin-password)
SUFFIX=$RANDOM$RANDOM
CATEGORY=$(curl -fs -H "X-Auth-Token: $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Bench $SUFFIX\"}" "$BASE/api/categories" | json "['id']")
PRODUCT=$(curl -fs -H "X-Auth-Token: $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"sku\":\"BENCH-$SUFFIX\",\"name\":\"Bench product $SUFFIX\",\"price\":9.99,\"stock\":10,\"categoryId\":$CATEGORY}" \
  "$BASE/api/products")
ID=$(echo "$PRODUCT" | json "['id']")
SLUG=$(echo "$PRODUCT" | json "['slug']")
EMAIL="bench-$SUFFIX@example.com"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"password123\",\"name\":\"Bench\"}" "$BASE/api/auth/register"
USER_TOKEN=$(login "$EMAIL" password123)

measure() { # $1 = path, $2 = token or empty; prints "p50_ms req_per_s"
  local out
  out=$(BENCH_PATH="$1" BENCH_TOKEN="$2" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s bench/analytics-request.lua "$BASE")
  if echo "$out" | grep -q "Non-2xx"; then echo "unexpected non-2xx responses: $out" >&2; exit 1; fi
  echo "$out" | awk '$1=="50%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p=v} $1=="Requests/sec:"{r=$2} END{print p, r}'
}

LABELS=("anonymous, by slug (not recorded)" "anonymous, by id (unique visitor)" \
  "logged in, by slug (not recorded)" "logged in, by id (visitor + recently viewed)")
PATHS=("/api/products/slug/$SLUG" "/api/products/$ID" "/api/products/slug/$SLUG" "/api/products/$ID")
TOKENS=("" "" "$USER_TOKEN" "$USER_TOKEN")
measure "${PATHS[1]}" "" >/dev/null # warm-up
declare -A P50 RPS
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!LABELS[@]}"; do
    read -r p r < <(measure "${PATHS[$i]}" "${TOKENS[$i]}")
    P50[$i]+="$p "; RPS[$i]+="$r "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf "%-48s %10s %10s %8s\n" "scenario (median of $ROUNDS x ${DURATION}s, $CONNECTIONS conns)" "p50 ms" "req/s" "vs base"
for i in "${!LABELS[@]}"; do
  p=$(echo "${P50[$i]}" | median); r=$(echo "${RPS[$i]}" | median)
  base=$(( i < 2 ? 0 : 2 )); rb=$(echo "${RPS[$base]}" | median)
  printf "%-48s %10s %10s %8s\n" "${LABELS[$i]}" "$p" "$r" "$(python3 -c "print(f'{$r/$rb:.2f}')")"
done
