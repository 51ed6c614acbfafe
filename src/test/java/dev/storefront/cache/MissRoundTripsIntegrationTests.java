package dev.storefront.cache;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a first-time miss costs in Redis, counted by Redis itself ({@code INFO commandstats}) on a private
 * server: the lookup's GET plus two scripts (re-read or lock; write and unlock), no PUBLISH. Before these
 * scripts a miss took six round trips (GET, SET NX PX, GET, SET PX, PUBLISH, EVALSHA unlock).
 */
class MissRoundTripsIntegrationTests {

	private final EmbeddedRedis server = EmbeddedRedis.start();

	private final TestStack stack = new TestStack(server.url(),
			TestStack.properties("trips", TestStack.settings(Duration.ofMinutes(1), Duration.ZERO, 0)));

	@AfterEach
	void stop() throws Exception {
		stack.close();
		server.close();
	}

	@Test
	void aFirstTimeMissTakesThreeRoundTripsAndPublishesNothing() {
		TwoLevelCache cache = stack.cache("trips");
		cache.get(1L, () -> new Thing(1, "one")); // loads both scripts into Redis (EVAL once, then EVALSHA)
		resetStats();

		assertThat(cache.get(2L, () -> new Thing(2, "two"))).isEqualTo(new Thing(2, "two"));

		// Top level: one GET, two EVALSHA. Inside the scripts: GET entry, SET NX lock; GET entry (its version),
		// SET entry, GET + DEL lock.
		assertThat(calls("evalsha")).isEqualTo(2);
		assertThat(calls("eval")).isZero();
		assertThat(calls("get")).isEqualTo(4);
		assertThat(calls("set")).isEqualTo(2);
		assertThat(calls("del")).isEqualTo(1);
		assertThat(calls("publish")).isZero();
		assertThat(stack.redis.hasKey(CacheKeys.lock(CacheKeys.entry("trips", "2")))).isFalse();
		assertThat(stack.redis.hasKey(CacheKeys.entry("trips", "2"))).isTrue();
	}

	@Test
	void aPutStillPublishesTheInvalidation() {
		TwoLevelCache cache = stack.cache("trips");
		resetStats();

		cache.put(3L, new Thing(3, "three"));

		// One set-if-newer script (GET + SET inside) and the PUBLISH.
		assertThat(calls("set")).isEqualTo(1);
		assertThat(calls("publish")).isEqualTo(1);
	}

	private void resetStats() {
		stack.redis.execute((RedisCallback<Void>) connection -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
	}

	/** How often Redis executed one command since the last reset (including calls inside scripts). */
	private long calls(String command) {
		Properties stats = stack.redis.execute((RedisCallback<Properties>) c -> c.serverCommands().info("commandstats"));
		String value = stats.getProperty("cmdstat_" + command);
		return value == null ? 0 : Long.parseLong(value.substring(value.indexOf("calls=") + 6, value.indexOf(',')));
	}

}
