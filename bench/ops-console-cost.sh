#!/usr/bin/env bash
# Measures the operations console's cost on the server (docs/monitoring.md, "Ops console"): Redis
# commands per snapshot tick and process CPU with 10 consoles open for 60 s. About 4 minutes; needs curl.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -B -ntp verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OpsConsoleCostBench -Dit.forks=1
cat target/ops-console-cost.txt
