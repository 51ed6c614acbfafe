#!/usr/bin/env bash
# Regenerates docs/ops-console.png: the operations console in headless chromium, signed in as the test
# administrator, after the browser tests have put some traffic through the app.
# Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -B -ntp verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OpsConsoleBrowserIntegrationTests -Dit.forks=1 -Dops.screenshot="$PWD/docs/ops-console.png"
echo "wrote docs/ops-console.png"
