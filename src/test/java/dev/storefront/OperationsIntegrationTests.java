package dev.storefront;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OperationsIntegrationTests {

	@Autowired
	Api api;

	@Test
	void healthProbesAndInfoArePublic() {
		assertThat(api.get("/actuator/health").send().expect(200).json().get("status").asString()).isEqualTo("UP");
		api.get("/actuator/health/liveness").send().expect(200);
		api.get("/actuator/health/readiness").send().expect(200);
		api.get("/actuator/info").send().expect(200);
	}

	@Test
	void readinessChecksTheDatabaseButNotTheSharedRedisWhichHealthStillShows() {
		JsonNode readiness = api.get("/actuator/health/readiness").as(api.admin()).send().expect(200).json();
		assertThat(readiness.get("components").has("db")).isTrue();
		// Decision 0003: every instance shares Redis; readiness following it would empty the load balancer.
		assertThat(readiness.get("components").has("redis")).isFalse();
		assertThat(api.get("/actuator/health").send().expect(200).json().get("components").has("redis")).isTrue();
	}

	@Test
	void metricsAndPrometheusNeedAdmin() {
		api.get("/actuator/metrics").send().expect(401);
		api.get("/actuator/prometheus").send().expect(401);
		api.get("/actuator/prometheus").as(api.newUser()).send().expect(403);
		api.get("/actuator/metrics").as(api.admin()).send().expect(200);
		assertThat(api.get("/actuator/prometheus").as(api.admin()).send().expect(200).body()).contains("jvm_memory");
	}

	@Test
	void onlyListedEndpointsAreExposed() {
		api.get("/actuator/env").as(api.admin()).send().expect(404);
		api.get("/actuator/beans").as(api.admin()).send().expect(404);
	}

	@Test
	void openApiDescribesTheApiAndItsSecuritySchemes() {
		JsonNode docs = api.get("/v3/api-docs").send().expect(200).json();
		assertThat(docs.get("paths").has("/api/products")).isTrue();
		assertThat(docs.get("paths").has("/api/orders")).isTrue();
		assertThat(docs.get("components").get("securitySchemes").has("token")).isTrue();
		assertThat(docs.get("components").get("securitySchemes").has("cookie")).isTrue();
		api.get("/swagger-ui/index.html").send().expect(200);
	}

}
