#!/usr/bin/env bash
# Notification fan-out benchmark: two application instances (embedded PostgreSQL and Redis, as in the
# tests), SSE clients spread over both, notifications produced by the handler on instance A. Prints
# p50/p99 latency (handler call -> SSE event parsed by the client) for a 10-client baseline and the
# 1,000-client load in the same run, and their ratio. See bench/README-notifications.md.
#   bench/notifications.sh          # BENCH_USERS=50 BENCH_STREAMS=20 BENCH_NOTIFICATIONS=500 BENCH_RATE=50
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q test -Dtest=NotificationFanoutBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.users="${BENCH_USERS:-50}" -Dbench.streamsPerUser="${BENCH_STREAMS:-20}" \
  -Dbench.notifications="${BENCH_NOTIFICATIONS:-500}" -Dbench.rate="${BENCH_RATE:-50}"
cat target/bench-notifications/result.txt
