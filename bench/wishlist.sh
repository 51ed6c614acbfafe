#!/usr/bin/env bash
# Wishlist alert fan-out: users notified per second for one price drop with BENCH_FOLLOWERS followers
# (5% of them stale), on the embedded Redis and PostgreSQL of the test context. See bench/README.md.
#   bench/wishlist.sh          # BENCH_FOLLOWERS=20000 BENCH_ROUNDS=3
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q test -Dtest=WishlistFanoutBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.followers="${BENCH_FOLLOWERS:-20000}" -Dbench.rounds="${BENCH_ROUNDS:-3}"
cat target/bench-wishlist/result.txt
