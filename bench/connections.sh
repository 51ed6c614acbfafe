#!/usr/bin/env bash
# Issue 19 §1: how many idle realtime sockets one client address can hold (the cap), and the p99 of
# GET /api/products while they are open against without. The packaged jar (./mvnw -B -o -DskipTests
# package), its own redis-server and PostgreSQL (initdb as the postgres user) on free ports, production
# settings except: 10,000 demo products, the `anonymous` rate limit off (wrk would get 429s) and a
# `realtime-handshake` capacity of 1000 (so the cap, not the handshake rate, is what stops the sockets).
# Usage: [ADDRESSES=1] bench/connections.sh [wrk-seconds=15] [hold-attempts=150]; with ADDRESSES=n the
# sockets are held from n addresses at once (127.0.0.10...), n times the cap in all. Needs wrk, redis-server, initdb, pg_ctl, runuser.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_WRK=${1:-15}
ATTEMPTS=${2:-150}
OUT=$PWD/target/bench-connections
rm -rf "$OUT"; mkdir -p "$OUT"
JAR=$(ls target/storefront-*.jar | grep -v -- '-plain' | head -1)
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); PG_PORT=$(free_port); PORT=$(free_port); MPORT=$(free_port)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  runuser -u postgres -- pg_ctl -D "$OUT/pg" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
redis-server --port "$REDIS_PORT" --save '' --appendonly no >"$OUT/redis.log" 2>&1 & PIDS+=($!)
mkdir -p "$OUT/pg"; chown postgres "$OUT/pg"
runuser -u postgres -- initdb -D "$OUT/pg" -U postgres --auth=trust >/dev/null
runuser -u postgres -- pg_ctl -D "$OUT/pg" -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1" -l "$OUT/pg/server.log" -w start >/dev/null
SERVER_PORT=$PORT MANAGEMENT_SERVER_PORT=$MPORT SERVER_TOMCAT_BASEDIR=$OUT/tomcat \
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
SPRING_DATA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" SPRING_DATA_REDIS_TIMEOUT=5s SPRING_DATA_REDIS_CONNECT_TIMEOUT=5s \
STOREFRONT_ADMIN_EMAIL=admin@bench.test STOREFRONT_ADMIN_PASSWORD=bench-admin-password STOREFRONT_CATALOG_DEMO_PRODUCTS=10000 \
  java -Xmx768m -jar "$JAR" --storefront.ratelimit.policies.anonymous.enabled=false \
    '--storefront.ratelimit.policies.realtime-handshake.bandwidths[0].capacity=1000' --logging.level.root=warn \
    >"$OUT/app.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$MPORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
URL="http://127.0.0.1:$PORT/api/products?size=20"
p99() { wrk -t2 -c32 -d"${SECONDS_WRK}s" --latency "$URL" | awk '/Requests\/sec/ {rps=$2} / 99%/ {p=$2} END {print "p99 " p ", " rps " req/s"}'; }
wrk -t2 -c32 -d30s "$URL" >/dev/null   # warm-up (JIT)
echo "without sockets:        $(p99)"
HOLDS=()
for i in $(seq 1 "${ADDRESSES:-1}"); do
  source_address=127.0.0.$(( ${ADDRESSES:-1} == 1 ? 2 : 9 + i ))
  java bench/ConnectionHold.java "$PORT" "$source_address" stomp "$ATTEMPTS" $((SECONDS_WRK + 30)) >"$OUT/hold-$i.txt" 2>&1 & HOLDS+=($!)
done
for i in $(seq 1 "${ADDRESSES:-1}"); do
  until grep -q accepted "$OUT/hold-$i.txt" 2>/dev/null; do kill -0 "${HOLDS[$((i-1))]}" 2>/dev/null || { cat "$OUT/hold-$i.txt"; exit 1; }; sleep 0.5; done
done
echo "while the sockets are held: $(p99)"
wait "${HOLDS[@]}"; cat "$OUT"/hold-*.txt
echo "without sockets again:  $(p99)"
java bench/ConnectionHold.java "$PORT" 127.0.0.3 raw "$ATTEMPTS" 15
