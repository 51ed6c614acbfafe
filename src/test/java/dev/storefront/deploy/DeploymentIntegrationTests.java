package dev.storefront.deploy;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment files against the running app: every metric the Grafana dashboard queries exists in
 * {@code /actuator/prometheus}, and the image's healthcheck program reads the readiness probe.
 */
@IntegrationTest
class DeploymentIntegrationTests {

	private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Test
	void everyMetricTheDashboardQueriesIsPublished() throws Exception {
		ProductFixtures catalog = new ProductFixtures(api);
		long product = catalog.product("1.00", 5);
		api.get("/api/products/" + product).send().expect(200);
		api.get("/api/products/" + product).send().expect(200);
		String key = "dashboard-" + UUID.randomUUID();
		for (int i = 0; i < 4; i++) {
			api.get("/api/categories").header("X-Probe-Fixed-Window", key).send();
		}
		Set<String> queried = queriedMetrics();
		assertThat(queried).contains("storefront_redis_memory_used_bytes", "http_server_requests_seconds_bucket",
				"storefront_cache_gets_total", "storefront_ratelimit_requests_total", "storefront_locks_acquire_seconds_sum",
				"storefront_events_lag", "storefront_jobs_count");

		// Stream lag and job counts are measured every few seconds: wait for the first round.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String scrape = api.get("/actuator/prometheus").as(catalog.admin()).send().expect(200).body();
			for (String metric : queried) {
				assertThat(scrape).as(metric).containsPattern("(?m)^" + Pattern.quote(metric) + "[{ ]");
			}
		});
	}

	@Test
	void theImageHealthcheckPassesOnAReadyAppAndFailsWithoutOne() throws Exception {
		Path classes = Files.createDirectories(Path.of("target", "healthcheck"));
		int compiled = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-d", classes.toString(), "deploy/docker/HealthCheck.java");
		assertThat(compiled).isZero();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				ClassLoader.getPlatformClassLoader())) {
			Method check = loader.loadClass("HealthCheck").getMethod("check", String.class);

			// The shared test machine can be slower than the check's 4 s budget now and then.
			await().atMost(Duration.ofSeconds(60))
				.until(() -> check.invoke(null, "http://127.0.0.1:" + port + "/actuator/health/readiness").equals(0));
			assertThat(check.invoke(null, "http://127.0.0.1:" + port + "/actuator/health/nothing-here")).isEqualTo(1);
			assertThat(check.invoke(null, "http://127.0.0.1:1/actuator/health/readiness")).isEqualTo(1);
		}
	}

	private static Set<String> queriedMetrics() throws Exception {
		Set<String> metrics = new TreeSet<>();
		for (JsonNode panel : DeploymentFilesTests.dashboard().get("panels")) {
			for (JsonNode target : panel.path("targets")) {
				Matcher matcher = METRIC.matcher(target.get("expr").asString());
				while (matcher.find()) {
					metrics.add(matcher.group(1));
				}
			}
		}
		return metrics;
	}

}
