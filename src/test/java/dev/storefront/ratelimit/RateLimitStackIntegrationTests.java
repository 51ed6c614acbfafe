package dev.storefront.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import dev.storefront.config.RedisCircuitBreakerProperties;
import dev.storefront.support.DevServices;
import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several rate limiter "instances" (independent stacks, each with its own Redis client and clock) against
 * real Redis: the shared test Redis, or a private one that the test stops.
 */
class RateLimitStackIntegrationTests {

	private static final String PREFIX = "storefront.ratelimit.policies.";

	@ParameterizedTest
	@ValueSource(strings = { "token-bucket", "fixed-window", "sliding-log" })
	void twoInstancesSharingOneRedisShareOneBudget(String algorithm) {
		RateLimitProperties properties = RateLimitStack.bind(policy("shared", algorithm, 4, "1m", "allow", "/api/**"));
		String ip = randomIp();
		try (RateLimitStack first = RateLimitStack.on(DevServices.redisUrl(), properties);
				RateLimitStack second = RateLimitStack.on(DevServices.redisUrl(), properties)) {
			for (int i = 0; i < 4; i++) {
				RateLimitStack instance = i % 2 == 0 ? first : second;
				var result = instance.send(get("/api/products", ip));
				assertThat(result.passed()).as("request %d", i + 1).isTrue();
				assertThat(result.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(3 - i));
			}

			assertThat(first.send(get("/api/products", ip)).status()).isEqualTo(429);
			assertThat(second.send(get("/api/products", ip)).status()).isEqualTo(429);
			assertThat(first.count("shared", "allowed") + second.count("shared", "allowed")).isEqualTo(4);
			assertThat(first.count("shared", "rejected") + second.count("shared", "rejected")).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "token-bucket", "fixed-window", "sliding-log" })
	void anInstanceWithASkewedClockGetsTheSameDecisions(String algorithm) {
		RateLimitProperties properties = RateLimitStack.bind(policy("skew", algorithm, 3, "1m", "allow", "/api/**"));
		String ip = randomIp();
		Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(7));
		try (RateLimitStack onTime = RateLimitStack.on(DevServices.redisUrl(), properties);
				RateLimitStack ahead = RateLimitStack.on(DevServices.redisUrl(), properties, skewed)) {
			assertThat(onTime.send(get("/api/products", ip)).passed()).isTrue();
			assertThat(onTime.send(get("/api/products", ip)).passed()).isTrue();
			var third = ahead.send(get("/api/products", ip));
			assertThat(third.passed()).isTrue();
			assertThat(third.header("X-RateLimit-Remaining")).isEqualTo("0");

			// Seven minutes ahead, a local clock would see an expired window or a refilled bucket.
			var refusedAhead = ahead.send(get("/api/products", ip));
			var refusedOnTime = onTime.send(get("/api/products", ip));
			assertThat(refusedAhead.status()).isEqualTo(429);
			assertThat(refusedOnTime.status()).isEqualTo(429);
			long resetAhead = Long.parseLong(refusedAhead.header("X-RateLimit-Reset"));
			long resetOnTime = Long.parseLong(refusedOnTime.header("X-RateLimit-Reset"));
			assertThat(resetAhead).isCloseTo(resetOnTime, org.assertj.core.data.Offset.offset(1L));
			assertThat(resetOnTime).isCloseTo(System.currentTimeMillis() / 1000 + 60, org.assertj.core.data.Offset.offset(5L));
		}
	}

	@Test
	void loginPolicyBlocksBruteForceOnOneEmailWithoutBlockingOthers() throws Exception {
		RateLimitProperties defaults = RateLimitStack.defaults();
		String ip = randomIp();
		String victim = "victim-" + UUID.randomUUID() + "@example.com";
		try (RateLimitStack app = RateLimitStack.on(DevServices.redisUrl(), defaults)) {
			for (int i = 0; i < 5; i++) {
				String body = "{\"email\":\"" + (i == 4 ? " " + victim.toUpperCase() + " " : victim)
						+ "\",\"password\":\"guess-" + i + "\"}";
				var result = app.send(login(ip, body));
				assertThat(result.passed()).as("attempt %d", i + 1).isTrue();
				// The controller still reads the whole body.
				assertThat(new String(result.forwarded().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo(body);
			}

			var blocked = app.send(login(ip, "{\"email\":\"" + victim + "\",\"password\":\"guess-6\"}"));
			assertThat(blocked.status()).isEqualTo(429);
			assertThat(blocked.response().getContentAsString()).contains("\"policy\":\"login\"");
			assertThat(blocked.header("Retry-After")).isNotNull();

			String other = "{\"email\":\"someone-else-" + UUID.randomUUID() + "@example.com\",\"password\":\"x\"}";
			assertThat(app.send(login(ip, other)).passed()).isTrue();
			assertThat(app.send(login(randomIp(), "{\"email\":\"" + victim + "\",\"password\":\"x\"}")).passed())
				.isTrue();
		}
	}

	@Test
	void registrationPolicyAllowsFiveAccountsPerAddressInTenMinutes() throws Exception {
		RateLimitProperties defaults = RateLimitStack.defaults();
		String ip = randomIp();
		try (RateLimitStack app = RateLimitStack.on(DevServices.redisUrl(), defaults)) {
			for (int i = 0; i < 5; i++) {
				assertThat(app.send(register(ip)).passed()).as("registration %d", i + 1).isTrue();
			}

			var blocked = app.send(register(ip));
			assertThat(blocked.status()).isEqualTo(429);
			assertThat(blocked.response().getContentType()).isEqualTo("application/problem+json");
			assertThat(blocked.response().getContentAsString()).contains("\"policy\":\"register\"");
			assertThat(Long.parseLong(blocked.header("Retry-After"))).isGreaterThan(60).isLessThanOrEqualTo(600);
			assertThat(app.send(register(randomIp())).passed()).isTrue();
		}
	}

	@Test
	void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
		Map<String, Object> settings = policy("byip", "fixed-window", 2, "1m", "allow", "/api/**");
		settings.put("storefront.ratelimit.trusted-proxies[0]", "10.0.0.0/8");
		RateLimitProperties properties = RateLimitStack.bind(settings);
		try (RateLimitStack app = RateLimitStack.on(DevServices.redisUrl(), properties)) {
			String attacker = randomIp();
			for (int i = 0; i < 2; i++) {
				var request = get("/api/products", attacker);
				request.addHeader("X-Forwarded-For", randomIp());
				assertThat(app.send(request).passed()).isTrue();
			}
			var spoofed = get("/api/products", attacker);
			spoofed.addHeader("X-Forwarded-For", randomIp());
			assertThat(app.send(spoofed).status()).isEqualTo(429);

			// Behind a trusted proxy, the proxy's own entry (the rightmost untrusted one) is the client.
			String client = randomIp();
			for (int i = 0; i < 2; i++) {
				var proxied = get("/api/products", "10.1.2.3");
				proxied.addHeader("X-Forwarded-For", randomIp() + ", " + client + ", 10.9.9.9");
				assertThat(app.send(proxied).passed()).isTrue();
			}
			var proxied = get("/api/products", "10.1.2.3");
			proxied.addHeader("X-Forwarded-For", "evil.example, " + client);
			assertThat(app.send(proxied).status()).isEqualTo(429);
			var anotherClient = get("/api/products", "10.1.2.3");
			anotherClient.addHeader("X-Forwarded-For", randomIp());
			assertThat(app.send(anotherClient).passed()).isTrue();
		}
	}

	@Test
	void whenRedisStopsAllowPoliciesFailOpenAndDenyPoliciesAnswer503() {
		Map<String, Object> settings = new HashMap<>();
		settings.putAll(policy("open", "fixed-window", 100, "1m", "allow", "/api/open"));
		settings.putAll(policy("bucket", "token-bucket", 100, "1m", "allow", "/api/bucket"));
		settings.putAll(policy("closed", "sliding-log", 100, "1m", "deny", "/api/closed"));
		RateLimitProperties properties = RateLimitStack.bind(settings);
		var breakers = new RedisCircuitBreakerProperties(2, Duration.ofMillis(300), null);
		try (EmbeddedRedis redis = EmbeddedRedis.start();
				RateLimitStack app = RateLimitStack.on(redis.url(), properties, breakers)) {
			String ip = randomIp();
			assertThat(app.send(get("/api/open", ip)).passed()).isTrue();
			assertThat(app.send(get("/api/bucket", ip)).passed()).isTrue();
			assertThat(app.send(get("/api/closed", ip)).passed()).isTrue();

			redis.stop();

			for (int i = 0; i < 3; i++) {
				var open = app.send(get("/api/open", ip));
				assertThat(open.passed()).isTrue();
				assertThat(open.header("X-RateLimit-Limit")).isNull();
				assertThat(app.send(get("/api/bucket", ip)).passed()).isTrue();
				var closed = app.send(get("/api/closed", ip));
				assertThat(closed.passed()).isFalse();
				assertThat(closed.status()).isEqualTo(503);
				assertThat(closed.header("Retry-After")).isNotNull();
				assertThat(closed.response().getContentType()).isEqualTo("application/problem+json");
			}
			assertThat(app.count("open", "error")).isEqualTo(3);
			assertThat(app.count("bucket", "error")).isEqualTo(3);
			assertThat(app.count("closed", "error")).isEqualTo(3);

			redis.restart();

			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> app.send(get("/api/closed", ip)).passed());
			var recovered = app.send(get("/api/open", ip));
			assertThat(recovered.passed()).isTrue();
			assertThat(recovered.header("X-RateLimit-Limit")).isEqualTo("100");
		}
	}

	private static Map<String, Object> policy(String name, String algorithm, int limit, String window,
			String onFailure, String path) {
		Map<String, Object> settings = new HashMap<>();
		String p = PREFIX + name + ".";
		settings.put(p + "match.paths[0]", path);
		settings.put(p + "key", "ip");
		settings.put(p + "algorithm", algorithm);
		settings.put(p + "limit", String.valueOf(limit));
		settings.put(p + "window", window);
		settings.put(p + "bandwidths[0].capacity", String.valueOf(limit));
		settings.put(p + "bandwidths[0].refill-period", window);
		settings.put(p + "on-redis-failure", onFailure);
		return settings;
	}

	private static MockHttpServletRequest get(String path, String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setRemoteAddr(peer);
		return request;
	}

	private static MockHttpServletRequest login(String peer, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
		request.setRemoteAddr(peer);
		request.setContentType("application/json");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static MockHttpServletRequest register(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/register");
		request.setRemoteAddr(peer);
		request.setContentType("application/json");
		request.setContent(("{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"password\":\"password123\",\"name\":\"N\"}")
			.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static String randomIp() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

}
