package dev.storefront;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audience each operation of the contract declares ({@code x-audience}, with its security
 * requirement) is the one the security rules enforce: session operations refuse anonymous callers
 * with 401, admin operations refuse users with 403, and anonymous operations let anyone in.
 */
@IntegrationTest
class ApiSecurityContractIntegrationTests {

	private static final Map<String, String> SAMPLE_PATH_VALUES = Map.of("id", "987654321", "slug", "no-such-slug",
			"handle", "no-such-handle", "productId", "987654321", "name", "no-such-cache", "tag", "no-such-tag",
			"queue", "no-such-queue", "imageId", "987654321", "variant", "thumb", "key", "no-such-key");

	@LocalServerPort
	int port;

	@Test
	void everyOperationDeclaresAnAudienceTheSecurityRulesEnforce() throws IOException {
		JsonNode contract = JsonMapper.builder().build().readTree(Files.readString(Path.of("docs/openapi.json")));
		Api api = Api.unvalidated(port);
		Api.Session user = api.newUser();
		List<String> checked = new ArrayList<>();
		contract.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
			String method = entry.getKey().toUpperCase();
			JsonNode operation = entry.getValue();
			String name = method + " " + path.getKey();
			String audience = operation.path("x-audience").asString("");
			assertThat(audience).as(name + " declares no audience (@ApiAccess)").isIn("anyone", "user", "admin");
			assertThat(operation.path("security").isArray()).as(name + " security").isTrue();
			assertThat(operation.get("security").isEmpty()).as(name + " security requirement")
				.isEqualTo(audience.equals("anyone"));
			String concrete = concrete(path.getKey());
			int anonymous = call(api, method, concrete, null);
			if (audience.equals("anyone")) {
				assertThat(anonymous).as(name + " is documented as open to anyone").isNotIn(401, 403);
			}
			else {
				assertThat(anonymous).as(name + " is documented as needing a session").isEqualTo(401);
			}
			if (audience.equals("admin")) {
				assertThat(call(api, method, concrete, user)).as(name + " is documented as ADMIN only").isEqualTo(403);
			}
			checked.add(name);
		}));
		assertThat(checked).hasSizeGreaterThan(20);
	}

	private static String concrete(String template) {
		String path = template;
		for (var value : SAMPLE_PATH_VALUES.entrySet()) {
			path = path.replace("{" + value.getKey() + "}", value.getValue());
		}
		assertThat(path).as("a sample value for every path variable of " + template).doesNotContain("{");
		return path;
	}

	private static int call(Api api, String method, String path, Api.Session session) {
		Api.Call call = switch (method) {
			case "GET" -> api.get(path);
			case "DELETE" -> api.delete(path);
			case "POST" -> api.post(path, "{}");
			case "PUT" -> api.put(path, "{}");
			case "PATCH" -> api.patch(path, "{}");
			default -> throw new IllegalArgumentException(method);
		};
		return (session == null ? call : call.as(session)).send().status();
	}

}
