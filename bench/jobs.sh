#!/usr/bin/env bash
# Job queue benchmark: enqueue + no-op processing (concurrency 50) and add->start latency, against its
# own redis-server on a free port. Usage: bench/jobs.sh [seconds=30] [latency pace jobs/s=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -Pbench test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.storefront.jobs.JobsBenchmark "${1:-30}" "${2:-2000}" 2>&1 | grep -v -E "^(SLF4J|[0-9]{2}:[0-9]{2})"
