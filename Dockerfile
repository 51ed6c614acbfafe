# syntax=docker/dockerfile:1
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# package runs openapi-generator on the contract (the generated test client), so the build needs docs/openapi.json.
# DockerBuildContextTests builds from a tree holding only what this file copies.
COPY docs/openapi.json docs/openapi.json
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/storefront-*.jar extract --layers --launcher --destination /extracted
# The healthcheck: the runtime image has a JRE and no curl, so a tiny Java client asks the readiness probe.
COPY deploy/docker/HealthCheck.java /healthcheck/
RUN javac -d /healthcheck /healthcheck/HealthCheck.java

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 storefront
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY --from=build /healthcheck/HealthCheck.class /healthcheck/
USER storefront
# 8080: the API (behind a proxy); 8081: actuator, never to be published or proxied.
EXPOSE 8080 8081
ENV MANAGEMENT_SERVER_PORT=8081
# Readiness, not liveness: a replica that cannot reach PostgreSQL or Redis is taken out of rotation.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx16m", "-cp", "/healthcheck", "HealthCheck", "http://127.0.0.1:8081/actuator/health/readiness"]
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
