package dev.storefront;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed contract ({@code docs/openapi.json}) is the description the application serves.
 * The served one is written to {@code target/openapi.json}, which CI lints with Redocly. To accept a
 * change of the API, run this test with {@code -Dopenapi.update=true} and commit the new file.
 */
@IntegrationTest
class ApiContractIntegrationTests {

	static final Path COMMITTED = Path.of("docs/openapi.json");

	static final Path SERVED = Path.of("target/openapi.json");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	@LocalServerPort
	int port;

	@Test
	void servedDescriptionIsTheCommittedContract() throws IOException {
		String served = Api.unvalidated(port).get("/v3/api-docs").send().expect(200).body();
		String pretty = JSON.writeValueAsString(JSON.readValue(served, java.util.Map.class)) + "\n";
		Files.createDirectories(SERVED.getParent());
		Files.writeString(SERVED, pretty, StandardCharsets.UTF_8);
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(COMMITTED, pretty, StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(COMMITTED)).as("docs/openapi.json is missing: run ./mvnw verify -Dit.test=ApiContractIntegrationTests -Dopenapi.update=true").isTrue();
		String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
		assertThat(pretty)
			.as("The API changed: the served description differs from docs/openapi.json. If the change is intended, "
					+ "regenerate it with ./mvnw verify -Dit.test=ApiContractIntegrationTests -Dopenapi.update=true "
					+ "-Dsurefire.failIfNoSpecifiedTests=false and commit docs/openapi.json (diff: target/openapi.json)")
			.isEqualTo(committed);
	}

	@Test
	void everyOperationHasASummaryATagAndAProblemResponse() throws IOException {
		JsonNode doc = JSON.readTree(Api.unvalidated(port).get("/v3/api-docs").send().expect(200).body());
		doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			String name = op.getKey().toUpperCase() + " " + path.getKey();
			JsonNode operation = op.getValue();
			assertThat(operation.path("summary").asString("")).as(name + " summary").isNotBlank();
			assertThat(operation.path("tags").size()).as(name + " tags").isPositive();
			assertThat(operation.path("responses").propertyNames()).as(name + " responses")
				.anyMatch(code -> code.startsWith("4"));
		}));
	}

}
