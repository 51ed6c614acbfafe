package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keyspace-notification pre-warm on its own Redis (it changes {@code notify-keyspace-events}): an
 * expired entry is reloaded once, by one of two instances that both know its loader.
 */
class PrewarmIntegrationTests {

	private final EmbeddedRedis server = EmbeddedRedis.start();

	private final CacheSettings settings = new CacheSettings(Thing.class.getName(), Duration.ofMinutes(10), 0,
			new CacheSettings.L1(100, Duration.ofMinutes(1), null,
					Duration.ofSeconds(1)), Duration.ZERO, Duration.ZERO, 0, true);

	private final TestStack a = new TestStack(server.url(), TestStack.properties("warm", settings));

	private final TestStack b = new TestStack(server.url(), TestStack.properties("warm", settings));

	@AfterEach
	void stop() throws Exception {
		a.close();
		b.close();
		server.close();
	}

	@Test
	void anExpiredEntryIsReloadedOnceAcrossInstances() {
		AtomicInteger loads = new AtomicInteger();
		Callable<Thing> loader = () -> new Thing(1, "load " + loads.incrementAndGet());
		a.cache("warm").get(1L, loader);
		b.stack.prewarmer().remember("sf:cache:v1:warm:1", loader, List.of());
		assertThat(a.redis.execute((org.springframework.data.redis.core.RedisCallback<String>) c -> c.serverCommands()
			.getConfig("notify-keyspace-events")
			.getProperty("notify-keyspace-events"))).contains("E").containsAnyOf("x", "A");

		a.redis.expire("sf:cache:v1:warm:1", Duration.ofMillis(50));

		await().atMost(Duration.ofSeconds(10)).until(() -> a.redis.opsForValue().get("sf:cache:v1:warm:1"),
				v -> v != null && v.contains("load 2"));
		assertThat(a.redis.getExpire("sf:cache:v1:warm:1")).isGreaterThan(500);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAtomic(loads,
				org.hamcrest.Matchers.equalTo(2));
	}

}
