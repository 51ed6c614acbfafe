package dev.storefront.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips per request, counted by Redis itself ({@code INFO commandstats}) on a private server, with
 * and without the opt-in {@code sync-every} optimisation, and the accuracy it gives up.
 */
class TokenBucketSyncIntegrationTests {

	static EmbeddedRedis redis;

	@BeforeAll
	static void start() {
		redis = EmbeddedRedis.start();
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	@Test
	void withoutSyncEveryEachRequestCostsAGetAndACompareAndSwap() {
		try (RateLimitStack app = RateLimitStack.on(redis.url(), RateLimitStack.bind(bucket("plain", 1000, null, 0)))) {
			app.send(request("198.18.0.1"));
			resetStats(app);

			for (int i = 0; i < 50; i++) {
				assertThat(app.send(request("198.18.0.1")).passed()).isTrue();
			}

			// Two round trips each: GET of the state, then the compare-and-swap script (its inner GET and
			// PSETEX show in the stats too, but travel in the same EVAL).
			assertThat(calls(app, "eval") + calls(app, "evalsha")).isEqualTo(50);
			assertThat(calls(app, "get")).isEqualTo(100);
		}
	}

	@Test
	void syncEveryServesMostRequestsLocally() {
		try (RateLimitStack app = RateLimitStack.on(redis.url(),
				RateLimitStack.bind(bucket("synced", 1000, "1s", 20)))) {
			app.send(request("198.18.0.2"));
			resetStats(app);

			for (int i = 0; i < 100; i++) {
				assertThat(app.send(request("198.18.0.2")).passed()).isTrue();
			}

			// One synchronisation per 20 local tokens (or per second), instead of two round trips per request.
			assertThat(calls(app, "eval") + calls(app, "evalsha")).isBetween(1L, 10L);
			assertThat(calls(app, "get")).isBetween(1L, 20L);
		}
	}

	@Test
	void syncEveryLetsEachInstanceOvershootByAtMostItsUnsynchronisedTokens() {
		Map<String, Object> settings = bucket("overshoot", 10, "1m", 5);
		try (RateLimitStack first = RateLimitStack.on(redis.url(), RateLimitStack.bind(settings));
				RateLimitStack second = RateLimitStack.on(redis.url(), RateLimitStack.bind(settings))) {
			int allowed = 0;
			for (int i = 0; i < 30; i++) {
				allowed += (i % 2 == 0 ? first : second).send(request("198.18.0.3")).passed() ? 1 : 0;
			}
			// Exact would be 10; each of the two instances may spend up to 5 tokens Redis has not seen yet.
			assertThat(allowed).isBetween(10, 10 + 2 * 5);
		}
	}

	private static Map<String, Object> bucket(String name, int capacity, String syncEvery, int syncMaxTokens) {
		Map<String, Object> settings = new HashMap<>();
		String p = "storefront.ratelimit.policies." + name + ".";
		settings.put(p + "key", "ip");
		settings.put(p + "algorithm", "token-bucket");
		settings.put(p + "bandwidths[0].capacity", String.valueOf(capacity));
		settings.put(p + "bandwidths[0].refill-period", "1m");
		if (syncEvery != null) {
			settings.put(p + "sync-every", syncEvery);
			settings.put(p + "sync-max-tokens", String.valueOf(syncMaxTokens));
		}
		return settings;
	}

	private static MockHttpServletRequest request(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/products");
		request.setRemoteAddr(peer);
		return request;
	}

	private static void resetStats(RateLimitStack app) {
		app.redis.execute((RedisCallback<Void>) connection -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
	}

	/** How often Redis executed one command since the last reset (including calls inside scripts). */
	private static long calls(RateLimitStack app, String command) {
		Properties stats = app.redis.execute((RedisCallback<Properties>) c -> c.serverCommands().info("commandstats"));
		String value = stats.getProperty("cmdstat_" + command);
		return value == null ? 0 : Long.parseLong(value.substring(value.indexOf("calls=") + 6, value.indexOf(',')));
	}

}
