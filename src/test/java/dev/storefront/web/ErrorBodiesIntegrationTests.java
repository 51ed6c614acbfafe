package dev.storefront.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem bodies never carry Java class names or parser messages: bad bodies get a fixed detail and the
 * JSON pointer of the bad value.
 */
@IntegrationTest
class ErrorBodiesIntegrationTests {

	/** What a leak looks like: package names, nested class names, exception names, Jackson wording. */
	static final Pattern INTERNALS = Pattern.compile(
			"dev\\.storefront|java\\.|jakarta\\.|tools\\.jackson|com\\.fasterxml|org\\.spring|\\w\\$\\w|Exception|Cannot deserialize|Cannot construct|line: \\d");

	@Autowired
	Api api;

	Session user;

	Session admin;

	@BeforeEach
	void setUp() {
		user = api.newUser();
		admin = api.admin();
	}

	@Test
	void aLineGivenAsAnArrayNamesThePointerButNoType() {
		Response response = api.post("/api/orders", "{\"items\":[[1,2]]}").as(user).send();

		assertClean(response, 400);
		assertThat(response.json().get("pointer").asString()).isEqualTo("/items/0");
		assertThat(response.json().get("type").asString()).endsWith("/malformed-body");
	}

	@Test
	void wrongTypesDeepInTheBodyNameTheirPointer() {
		Map<String, String> bodies = Map.of(
				"{\"items\":[{\"productId\":\"abc\",\"quantity\":1}]}", "/items/0/productId",
				"{\"items\":[{\"productId\":1,\"quantity\":{\"a\":1}}]}", "/items/0/quantity",
				"{\"items\":\"nope\"}", "/items",
				"{\"items\":[{\"productId\":1,\"quantity\":1},{\"productId\":true,\"quantity\":1}]}", "/items/1/productId");
		bodies.forEach((body, pointer) -> {
			Response response = api.post("/api/orders", body).as(user).send();
			assertClean(response, 400);
			assertThat(response.json().get("pointer").asString()).as(body).isEqualTo(pointer);
			assertThat(response.json().get("detail").asString()).as(body).contains(pointer);
		});
	}

	@Test
	void anUnknownEnumValueNamesTheFieldNotTheEnumType() {
		Response response = api.patch("/api/admin/orders/1", Map.of("status", "TELEPORTED")).as(admin).send();

		assertClean(response, 400);
		assertThat(response.json().get("pointer").asString()).isEqualTo("/status");
	}

	@Test
	void syntaxErrorsMissingBodiesAndWrongShapesGiveFixedWords() {
		List<Response> responses = List.of(
				api.post("/api/auth/register", "{\"email\": ").send(),
				api.post("/api/auth/register", "[1,2]").send(),
				api.post("/api/auth/register", "{\"email\": \"a@b.c\", \"password\": [1]}").send(),
				api.post("/api/orders", "").as(user).send(),
				api.post("/api/orders", "{\"items\":[{\"productId\":1,\"quantity\":1}]} trailing").as(user).send(),
				api.patch("/api/products/1/stock", "{\"delta\": \"lots\"}").as(admin).send());
		responses.forEach(response -> assertClean(response, 400));
		assertThat(responses.get(0).json().get("detail").asString()).isEqualTo("Request body is not well-formed JSON");
	}

	@Test
	void badQueryAndPathParametersNameNoTypes() {
		assertClean(api.get("/api/products?minPrice=abc").send(), 400);
		assertClean(api.get("/api/products/abc").send(), 400);
		assertClean(api.get("/api/products?page=x").send(), 400);
		assertClean(api.get("/api/orders?size=lots").as(user).send(), 400);
	}

	@Test
	void inputMistakesFoundByTheDomainHaveTheirOwnProblemTypes() {
		Response sort = api.get("/api/products?sort=password").send();
		assertClean(sort, 400);
		assertThat(sort.json().get("type").asString()).endsWith("/invalid-request");

		Response duplicate = api.post("/api/orders",
				Map.of("items", List.of(Map.of("productId", 1, "quantity", 1), Map.of("productId", 1, "quantity", 2))))
			.as(user).send();
		assertClean(duplicate, 400);
		assertThat(duplicate.json().get("type").asString()).endsWith("/duplicate-order-line");
	}

	static void assertClean(Response response, int status) {
		ProblemResponsesIntegrationTests.assertProblem(response, status);
		assertThat(response.body()).as(response.body()).doesNotContainPattern(INTERNALS);
	}

}
