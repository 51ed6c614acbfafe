# Sourced by the benchmarks that run the packaged jar (ratelimit.sh, run-cache-bench.sh), so
# none of them measures a stale target/*.jar: fresh_jar sets JAR to target/storefront-*.jar, running
# `./mvnw package` first when there is no jar or when a build input (pom.xml, src/main, docs/openapi.json,
# which package turns into the generated test client) is newer than it.

fresh_jar() {
  JAR=$(ls target/storefront-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [[ -z "$JAR" ]] || [[ -n $(find pom.xml src/main docs/openapi.json -newer "$JAR" -print -quit) ]]; then
    echo "bench: ${JAR:-no jar yet}${JAR:+ is older than its sources}; ./mvnw package" >&2
    ./mvnw -B -ntp -q package -DskipTests
    JAR=$(ls target/storefront-*.jar | grep -v original | head -1)
  fi
}
