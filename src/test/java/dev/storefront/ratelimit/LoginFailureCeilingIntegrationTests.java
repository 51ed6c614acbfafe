package dev.storefront.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.storefront.support.Api;
import dev.storefront.support.AppInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credential stuffing across accounts (issue 19 §6), from outside over HTTP, on an instance with the shipped
 * {@code login-failures} ceiling (30 failed logins a minute per address) and 127.0.0.1 as a trusted proxy,
 * so that each test speaks from an address of its own through {@code X-Forwarded-For}.
 */
class LoginFailureCeilingIntegrationTests {

	/** Values that move with the clock between two requests (seconds to the window's end). */
	private static final Set<String> TIMED_HEADERS = Set.of("date", "retry-after", "x-ratelimit-reset", "ratelimit");

	static AppInstance app;

	static Api api;

	@BeforeAll
	static void start() {
		app = AppInstance.start("--storefront.ratelimit.policies.login-failures.limit=30",
				"--storefront.ratelimit.trusted-proxies[0]=127.0.0.1/32");
		api = app.api();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void oneAddressGetsThirtyFailedLoginsAcrossAllAccountsAndTheRefusalDoesNotTellWhetherTheAccountExists() {
		Api.Session real = api.newUser();
		String attacker = randomIp();
		for (int i = 1; i <= 40; i++) {
			Api.Response response = login(attacker, "nobody-" + i + "-" + UUID.randomUUID() + "@example.com", "guess");
			assertThat(response.status()).as("failed login %d", i).isEqualTo(i <= 30 ? 401 : 429);
		}

		Api.Response existing = login(attacker, real.email(), "guess");
		Api.Response missing = login(attacker, "missing-" + UUID.randomUUID() + "@example.com", "guess");
		Api.Response rightPassword = login(attacker, real.email(), "password123");

		for (Api.Response refused : List.of(existing, missing, rightPassword)) {
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.header("Content-Type")).contains("application/problem+json");
			assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
			assertThat(refused.json().get("policy").asString()).isEqualTo("login-failures");
		}
		assertThat(headerNames(existing)).isEqualTo(headerNames(missing));
		for (String name : headerNames(existing)) {
			if (!TIMED_HEADERS.contains(name)) {
				assertThat(existing.headers(name)).as(name).isEqualTo(missing.headers(name));
			}
		}
		assertThat(withoutTime(existing.json())).isEqualTo(withoutTime(missing.json()));

		// Only the 30 failures are in the log; the refusals and nothing else. It expires with the window.
		StringRedisTemplate redis = app.bean(StringRedisTemplate.class);
		String key = "sf:rl:sl:login-failures:ip:" + attacker;
		assertThat(redis.opsForZSet().zCard(key)).isEqualTo(30);
		assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, 60_000L);

		// The real user, from their own address, is not affected.
		String home = randomIp();
		assertThat(login(home, real.email(), "password123").status()).isEqualTo(200);
		assertThat(redis.hasKey("sf:rl:sl:login-failures:ip:" + home)).isFalse();
	}

	@Test
	void successfulLoginsDoNotCountAgainstTheCeiling() {
		Api.Session user = api.newUser();
		String office = randomIp();
		for (int i = 0; i < 35; i++) {
			assertThat(login(office, user.email(), "password123").status()).isEqualTo(200);
		}

		assertThat(login(office, user.email(), "wrong").status()).isEqualTo(401);
		assertThat(app.bean(StringRedisTemplate.class).opsForZSet().zCard("sf:rl:sl:login-failures:ip:" + office))
			.isEqualTo(1);
	}

	private static Api.Response login(String from, String email, String password) {
		return api.post("/api/auth/login", Map.of("email", email, "password", password))
			.header("X-Forwarded-For", from)
			.send();
	}

	private static Set<String> headerNames(Api.Response response) {
		Set<String> names = new TreeSet<>();
		for (String name : List.of("content-type", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining",
				"x-ratelimit-reset", "ratelimit", "ratelimit-policy", "set-cookie", "www-authenticate", "x-auth-token",
				"storefront-degraded", "cache-control", "vary", "x-content-type-options", "x-frame-options")) {
			if (!response.headers(name).isEmpty()) {
				names.add(name);
			}
		}
		return names;
	}

	/** The problem body without the seconds to wait, which move with the clock. */
	private static Map<String, Object> withoutTime(JsonNode problem) {
		Map<String, Object> fields = new HashMap<>();
		((ObjectNode) problem).properties().forEach(e -> fields.put(e.getKey(), e.getValue().toString()));
		fields.remove("retryAfter");
		fields.put("detail", problem.get("detail").asString().replaceAll("\\d+", "N"));
		return fields;
	}

	private static String randomIp() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.19." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

}
