#!/usr/bin/env bash
# Consume throughput of one consumer group with a no-op handler (issue 8, section 5); see
# bench/README-events.md. Starts its own redis-server on a free port (nothing else needed), fills
# sf:events with pipelined XADD, then per round drains it with a bare XREADGROUP+XACK loop (baseline)
# and with the real GroupConsumer (idempotency claims, handler, ack), and prints events/s and the ratio.
#   bench/events.sh            # EVENTS=200000 BATCH=100 ROUNDS=3
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${EVENTS:-200000}; BATCH=${BATCH:-100}; ROUNDS=${ROUNDS:-3}
./mvnw -B -ntp -q -Pbench test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xms512m -Xmx512m -Devents="$EVENTS" -Dbatch="$BATCH" -Drounds="$ROUNDS" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.storefront.events.ConsumeThroughputBench 2>&1 | grep -vE "^(SLF4J|[0-9T:.-]+Z? +(INFO|DEBUG))"
