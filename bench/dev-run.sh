# Sourced by the benchmarks that drive the dev run (bench/hot-paths.sh, bench/redis-hung.sh): finds wrk and
# starts TestApplication from the test classpath (embedded PostgreSQL and Redis on free ports, 10,000 demo
# products), rate limiting off. Expects OUT (output directory) and PORT; sets WRK, APP_PID and BASE.

# wrk from PATH, or from Debian's package unpacked into bench/.tools (apt-get download; no root install).
find_wrk() {
  WRK=$(command -v wrk || true)
  if [[ -z "$WRK" ]]; then
    local tools=bench/.tools
    if [[ ! -x "$tools/usr/bin/wrk" ]]; then
      mkdir -p "$tools/debs"
      (cd "$tools/debs" && apt-get download wrk libluajit-5.1-2 >/dev/null 2>&1)
      for deb in "$tools"/debs/*.deb; do dpkg -x "$deb" "$tools"; done
    fi
    export LD_LIBRARY_PATH="$PWD/$tools/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    WRK="$PWD/$tools/usr/bin/wrk"
  fi
}

# start_dev_app LOG-NAME REDIS-TIMEOUT [APP-ARGS...]: starts the app in the background and waits until it
# is ready. The caller's EXIT trap stops APP_PID.
start_dev_app() {
  local log="$OUT/app-$1.log" timeout=$2
  shift 2
  if [[ ! -f "$OUT/classpath.txt" || pom.xml -nt "$OUT/classpath.txt" ]]; then
    ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
  fi
  # Stale classes would measure old code: compile when a source is newer than the last compile.
  if [[ ! -d target/test-classes ]] || [[ -n $(find pom.xml src/main src/test docs/openapi.json -newer target/test-classes -print -quit) ]]; then
    ./mvnw -B -ntp -q test-compile && touch target/test-classes
  fi
  java -Xmx768m -cp "target/classes:target/test-classes:$(cat "$OUT/classpath.txt")" dev.storefront.TestApplication \
    --server.port="$PORT" --storefront.ratelimit.enabled=false --logging.level.root=warn \
    --spring.data.redis.timeout="$timeout" --spring.data.redis.connect-timeout="$timeout" \
    --server.tomcat.basedir="$OUT/tomcat-$PORT" "$@" >"$log" 2>&1 &
  APP_PID=$!
  BASE="http://127.0.0.1:$PORT"
  for _ in $(seq 1 600); do
    curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "app died; see $log" >&2; exit 1; }
    sleep 0.5
  done
  echo "app not ready; see $log" >&2
  exit 1
}
