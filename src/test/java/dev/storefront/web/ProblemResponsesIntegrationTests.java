package dev.storefront.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gives a 5xx, and every problem is RFC 9457 problem+json.
 */
@IntegrationTest
class ProblemResponsesIntegrationTests {

	@Autowired
	Api api;

	Session admin;

	@BeforeEach
	void setUp() {
		admin = api.admin();
	}

	static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		JsonNode body = response.json();
		assertThat(body.get("type").asString()).startsWith("https://storefront.dev/problems/");
		assertThat(body.get("title").asString()).isNotBlank();
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("detail").asString()).isNotBlank();
	}

	@Test
	void malformedJsonIs400() {
		assertProblem(api.post("/api/auth/register", "{\"email\": ").send(), 400);
	}

	@Test
	void wrongTypesAre400() {
		assertProblem(api.patch("/api/products/1/stock", "{\"delta\": \"lots\"}").as(admin).send(), 400);
	}

	@Test
	void unknownEnumValuesAre400() {
		assertProblem(api.patch("/api/admin/orders/1", Map.of("status", "TELEPORTED")).as(admin).send(), 400);
	}

	@Test
	void missingResourcesAre404() {
		assertProblem(api.get("/api/products/987654321").send(), 404);
		assertProblem(api.get("/api/categories/987654321").send(), 404);
		assertProblem(api.get("/api/products/slug/no-such-thing").send(), 404);
		assertProblem(api.get("/no/such/page").send(), 404);
	}

	@Test
	void wrongMethodIs405() {
		Response response = api.delete("/api/auth/login").send();
		assertProblem(response, 405);
		assertThat(response.header("Allow")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
	}

	@Test
	void wrongContentTypeIs415() {
		assertProblem(api.post("/api/auth/register", "email=a@b.c").header("Content-Type", "text/plain").send(), 415);
	}

	@Test
	void bodiesOverOneMegabyteAre413() {
		String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
		assertProblem(api.post("/api/auth/register", huge).send(), 413);
	}

	@Test
	void nonNumericIdsAre400() {
		assertProblem(api.get("/api/products/abc").send(), 400);
		assertProblem(api.get("/api/categories/1.5").send(), 400);
	}

	@Test
	void validationProblemsListTheFields() {
		Response response = api.post("/api/categories", Map.of("name", "", "slug", "Not A Slug")).as(admin).send();
		assertProblem(response, 400);
		assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()))
			.contains("name", "slug");
	}

	@Test
	void authenticationAndAuthorizationProblemsAreProblemJson() {
		assertProblem(api.get("/api/users/me").send(), 401);
		assertProblem(api.post("/api/categories", Map.of("name", "x")).as(api.newUser()).send(), 403);
	}

}
