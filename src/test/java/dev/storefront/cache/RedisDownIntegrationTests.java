package dev.storefront.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stopped mid-test: the cache degrades to "miss" (values come from the loader, the database),
 * no exception reaches the caller, L1 keeps serving, the breaker stops the waiting, and L1 is cleared
 * once Redis is back.
 */
class RedisDownIntegrationTests {

	private final EmbeddedRedis server = EmbeddedRedis.start();

	private final TestStack stack = new TestStack(server.url(),
			TestStack.properties("things", TestStack.settings(Duration.ofMinutes(10), Duration.ZERO, 0)));

	@AfterEach
	void stop() throws Exception {
		stack.close();
		server.close();
	}

	@Test
	void redisStoppedMidTestFallsBackToTheLoaderWithoutException() {
		TwoLevelCache cache = stack.cache("things");
		AtomicInteger loads = new AtomicInteger();
		cache.get(1L, () -> new Thing(1, "cached before"));

		server.stop();

		long started = System.nanoTime();
		for (long id = 100; id < 120; id++) {
			long key = id;
			assertThat(cache.get(key, () -> new Thing(key, "from db " + loads.incrementAndGet()))).isNotNull();
		}
		assertThat(cache.get(1L, () -> new Thing(1, "reloaded")).name()).isEqualTo("cached before");
		cache.put(2L, new Thing(2, "two"));
		cache.evict(3L);
		// 20 misses and a put and an evict, without one full command timeout each
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(loads).hasValue(20);
		assertThat(stack.stack.context().l2().guard().isOpen()).isTrue();
		assertThat(stack.count("storefront.cache.errors")).isPositive();

		server.restart();

		// Back: the probe closes the breaker and L1 is cleared (invalidations may have been missed).
		AtomicInteger probe = new AtomicInteger(500);
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			long key = probe.incrementAndGet();
			cache.get(key, () -> new Thing(key, "probe"));
			return !stack.stack.context().l2().guard().isOpen() && cache.peekLocal("1") == null;
		});
		assertThat(cache.get(1L, () -> new Thing(1, "reloaded")).name()).isEqualTo("reloaded");
		assertThat(stack.redis.hasKey("sf:cache:v1:things:1")).isTrue();
	}

}
