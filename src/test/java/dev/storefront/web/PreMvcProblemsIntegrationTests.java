package dev.storefront.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised before Spring MVC (Tomcat, Spring Security's firewall, the error dispatch) are
 * problem+json like every other error: never HTML, never Boot's {@code {timestamp,status,error,path}}.
 */
@IntegrationTest
class PreMvcProblemsIntegrationTests {

	@Autowired
	Api api;

	@Test
	void tomcatRejectsAnEncodedNulWithProblemJson() {
		assertPreMvcProblem(api.get("/api/products/%00").send(), 400);
	}

	@Test
	void tomcatRejectsEncodedSlashesWithProblemJson() {
		assertPreMvcProblem(api.get("/api/products/..%2F..").send(), 400);
		assertPreMvcProblem(api.get("/api/products/a%2Fb").send(), 400);
	}

	@Test
	void theSecurityFirewallRejectsAnEncodedSemicolonWithProblemJson() {
		Response response = api.get("/api/products/1%3BDROP").send();

		assertPreMvcProblem(response, 400);
		assertThat(response.json().get("detail").asString()).isEqualTo("The request URL is not allowed");
	}

	@Test
	void theFirewallAnswersWritesAndAuthenticatedCallsTheSameWay() {
		assertPreMvcProblem(api.post("/api/orders/1%3B/pay", "{}").as(api.newUser()).send(), 400);
		assertPreMvcProblem(api.get("/api/products/%2e%2e;/x").send(), 400);
	}

	@Test
	void theErrorPathItselfIsProblemJson() {
		Response response = api.get("/error").send();

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		assertThat(response.body()).doesNotContain("timestamp");
	}

	static void assertPreMvcProblem(Response response, int status) {
		ErrorBodiesIntegrationTests.assertClean(response, status);
		assertThat(response.body()).doesNotContain("<html").doesNotContain("timestamp");
	}

}
