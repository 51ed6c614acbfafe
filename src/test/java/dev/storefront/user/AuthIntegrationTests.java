package dev.storefront.user;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuthIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Api api;

	private static String sessionKey(String id) {
		return "sf:session:sessions:" + id;
	}

	@Test
	void registersAUserWithTheUserRole() {
		String email = "new-" + UUID.randomUUID() + "@example.com";
		Response response = api.post("/api/auth/register", Map.of("email", email, "password", "password123", "name", "Ada"))
			.send()
			.expect(201);
		JsonNode body = response.json();
		assertThat(body.get("id").asLong()).isPositive();
		assertThat(body.get("email").asString()).isEqualTo(email);
		assertThat(body.get("name").asString()).isEqualTo("Ada");
		assertThat(body.get("roles").toString()).isEqualTo("[\"USER\"]");
		assertThat(body.has("password")).isFalse();
		assertThat(body.has("passwordHash")).isFalse();
	}

	@Test
	void refusesATakenEmailWhateverItsCase() {
		String email = "dup-" + UUID.randomUUID() + "@example.com";
		api.post("/api/auth/register", Map.of("email", email, "password", "password123", "name", "A")).send().expect(201);
		Response again = api
			.post("/api/auth/register", Map.of("email", email.toUpperCase(), "password", "password123", "name", "B"))
			.send()
			.expect(409);
		assertThat(again.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
	}

	@Test
	void refusesAnInvalidEmailOrAShortPasswordAndNamesTheField() {
		Response badEmail = api.post("/api/auth/register", Map.of("email", "not-an-email", "password", "password123", "name", "A"))
			.send()
			.expect(400);
		assertThat(badEmail.json().get("errors").toString()).contains("email");
		Response shortPassword = api
			.post("/api/auth/register", Map.of("email", "short-" + UUID.randomUUID() + "@example.com", "password", "1234567", "name", "A"))
			.send()
			.expect(400);
		assertThat(shortPassword.json().get("errors").toString()).contains("password");
	}

	@Test
	void loginStoresTheSessionInRedisAndLogoutRemovesIt() {
		Session session = api.newUser();
		String key = sessionKey(session.token());
		assertThat(redis.hasKey(key)).isTrue();
		// JSON scalars, never Java serialization.
		assertThat(redis.opsForHash().get(key, "sessionAttr:sf.uid")).isEqualTo("\"" + session.userId() + "\"");
		assertThat(redis.getExpire(key)).isPositive();

		api.post("/api/auth/logout", null).as(session).send().expect(204);

		assertThat(redis.hasKey(key)).isFalse();
		api.get("/api/users/me").as(session).send().expect(401);
	}

	@Test
	void loginSendsAnHttpOnlyStrictCookieAndTheTokenHeader() {
		Session session = api.newUser();
		String cookie = session.login().setCookie("SESSION").orElseThrow();
		assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
		assertThat(session.cookie("SESSION")).isNotBlank();
		// Either credential authenticates.
		api.get("/api/users/me").as(session).send().expect(200);
		api.get("/api/users/me").header("Cookie", "SESSION=" + session.cookie("SESSION")).send().expect(200);
	}

	@Test
	void everyLoginIssuesANewSessionId() {
		Session first = api.newUser();
		Response again = api.post("/api/auth/login", Map.of("email", first.email(), "password", "password123"))
			.as(first)
			.send()
			.expect(200);
		String second = again.header("X-Auth-Token").orElseThrow();
		assertThat(second).isNotEqualTo(first.token());
		// The session the request came with is gone: no fixation.
		assertThat(redis.hasKey(sessionKey(first.token()))).isFalse();
		assertThat(redis.hasKey(sessionKey(second))).isTrue();
	}

	@Test
	void badCredentialsGive401() {
		Session session = api.newUser();
		Response wrong = api.post("/api/auth/login", Map.of("email", session.email(), "password", "wrong-password"))
			.send()
			.expect(401);
		assertThat(wrong.json().get("status").asInt()).isEqualTo(401);
		assertThat(wrong.header("X-Auth-Token")).isEmpty();
		api.post("/api/auth/login", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "password123"))
			.send()
			.expect(401);
	}

	@Test
	void anonymousRequestsNeverCreateASession() {
		Response response = api.get("/api/categories").send().expect(200);
		assertThat(response.setCookie("SESSION")).isEmpty();
		assertThat(response.header("X-Auth-Token")).isEmpty();
		api.get("/api/users/me").send().expect(401);
	}

	@Test
	void readsAndRenamesTheCurrentUser() {
		Session session = api.newUser();
		assertThat(api.get("/api/users/me").as(session).send().expect(200).json().get("email").asString())
			.isEqualTo(session.email());
		api.patch("/api/users/me", Map.of("name", "Grace")).as(session).send().expect(200);
		assertThat(api.get("/api/users/me").as(session).send().json().get("name").asString()).isEqualTo("Grace");
		api.patch("/api/users/me", Map.of("name", "")).as(session).send().expect(400);
	}

	@Test
	void listsAndRevokesSessionsByOpaqueHandle() {
		Session first = api.newUser();
		Session second = api.login(first.email(), "password123");
		Session third = api.login(first.email(), "password123");

		JsonNode sessions = api.get("/api/users/me/sessions").as(second).send().expect(200).json();
		assertThat(sessions.size()).isEqualTo(3);
		for (JsonNode s : sessions) {
			assertThat(s.get("handle").asString()).isNotIn(first.token(), second.token(), third.token());
			assertThat(s.has("createdAt")).isTrue();
			assertThat(s.has("lastAccessedAt")).isTrue();
			assertThat(s.has("ip")).isTrue();
		}
		JsonNode current = sessions.valueStream().filter(s -> s.get("current").asBoolean()).findFirst().orElseThrow();
		String firstHandle = sessions.valueStream()
			.filter(s -> !s.get("current").asBoolean())
			.map(s -> s.get("handle").asString())
			.findFirst()
			.orElseThrow();

		api.delete("/api/users/me/sessions/" + firstHandle).as(second).send().expect(204);
		assertThat(api.get("/api/users/me/sessions").as(second).send().json().size()).isEqualTo(2);
		api.delete("/api/users/me/sessions/" + firstHandle).as(second).send().expect(404);
		assertThat(current.get("handle").asString()).isNotEqualTo(firstHandle);

		// Log out everywhere else.
		api.delete("/api/users/me/sessions").as(second).send().expect(204);
		JsonNode remaining = api.get("/api/users/me/sessions").as(second).send().json();
		assertThat(remaining.size()).isEqualTo(1);
		assertThat(remaining.get(0).get("current").asBoolean()).isTrue();
		api.get("/api/users/me").as(first).send().expect(401);
		api.get("/api/users/me").as(third).send().expect(401);
	}

	@Test
	void aUserCannotRevokeAnotherUsersSession() {
		Session victim = api.newUser();
		Session attacker = api.newUser();
		String victimHandle = api.get("/api/users/me/sessions").as(victim).send().json().get(0).get("handle").asString();
		api.delete("/api/users/me/sessions/" + victimHandle).as(attacker).send().expect(404);
		api.get("/api/users/me").as(victim).send().expect(200);
	}

	@Test
	void sessionsSlideInStepsOfTheTouchThreshold() {
		Session session = api.newUser();
		String key = sessionKey(session.token());
		long createdLastAccess = lastAccess(key);
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> System.currentTimeMillis() > createdLastAccess + 20);
		// Touched less than storefront.session.store.touch-threshold (90 s) ago: nothing is written.
		api.get("/api/users/me").as(session).send().expect(200);
		assertThat(lastAccess(key)).isEqualTo(createdLastAccess);

		long twoMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(2).toMillis();
		redis.opsForHash().put(key, "lastAccessedTime", String.valueOf(twoMinutesAgo));
		api.get("/api/users/me").as(session).send().expect(200);
		assertThat(lastAccess(key)).isGreaterThan(twoMinutesAgo + Duration.ofSeconds(100).toMillis());
		// Idle timeout is the standard server.servlet.session.timeout (30 min) plus Spring Session's grace.
		assertThat(redis.getExpire(key)).isBetween(Duration.ofMinutes(30).toSeconds(), Duration.ofMinutes(36).toSeconds());
	}

	@Test
	void aSignedInProductReadReadsTheSessionOnce() {
		Session session = api.newUser();
		long product = new ProductFixtures(api).product("4.20", 3);
		api.get("/api/products/" + product).as(session).send().expect(200); // cached, session touched
		resetCommandStats();

		for (int i = 0; i < 10; i++) {
			api.get("/api/products/" + product).as(session).send().expect(200);
		}

		// A product read commits its response before the filter chain returns, so Spring Session commits
		// twice; the second commit must not read the session again (it used to: 20 HGETALLs). Slack for
		// background HGETALLs of other modules.
		assertThat(commandCalls("hgetall")).isBetween(10L, 12L);
	}

	private void resetCommandStats() {
		redis.execute((RedisCallback<Void>) connection -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
	}

	/**
	 * How often Redis ran a command since the last reset; on a Cluster the sum over the nodes (the answer
	 * has one {@code host:port.cmdstat_<command>} entry per node).
	 */
	private long commandCalls(String command) {
		Properties stats = redis.execute((RedisCallback<Properties>) c -> c.serverCommands().info("commandstats"));
		return stats.stringPropertyNames().stream()
			.filter(name -> name.equals("cmdstat_" + command) || name.endsWith(".cmdstat_" + command))
			.map(stats::getProperty)
			.mapToLong(value -> Long.parseLong(value.substring(value.indexOf("calls=") + 6, value.indexOf(','))))
			.sum();
	}

	private long lastAccess(String sessionKey) {
		return Long.parseLong(String.valueOf(redis.opsForHash().get(sessionKey, "lastAccessedTime")));
	}

	@Test
	void cookieAuthenticatedWritesNeedTheCsrfToken() {
		Session session = api.newUser();
		String sessionCookie = session.cookie("SESSION");
		String xsrf = session.login().cookie("XSRF-TOKEN").orElseThrow();

		// A cross-site form post would carry only the cookie: refused.
		Response forged = api.patch("/api/users/me", Map.of("name", "Mallory"))
			.header("Cookie", "SESSION=" + sessionCookie)
			.send()
			.expect(403);
		assertThat(forged.json().get("detail").asString()).contains("CSRF");

		// The real client echoes the XSRF-TOKEN cookie in a header, which another site cannot read.
		api.patch("/api/users/me", Map.of("name", "Alice"))
			.header("Cookie", "SESSION=" + sessionCookie + "; XSRF-TOKEN=" + xsrf)
			.header("X-XSRF-TOKEN", xsrf)
			.send()
			.expect(200);

		// The token header cannot be forged cross-site, so it needs no CSRF token.
		api.patch("/api/users/me", Map.of("name", "Bob")).as(session).send().expect(200);
	}

}
