package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invalidations that fail or are skipped while Redis is paused (its data survives, so a lost eviction
 * would leave the old value there) are replayed once Redis answers again, and nothing stale is read
 * meanwhile. Each test freezes its own Redis (SIGSTOP) and thaws it when it means to recover.
 */
class FailedInvalidationReplayIntegrationTests {

	private final EmbeddedRedis server = EmbeddedRedis.start();

	private TestStack stack;

	private final AtomicInteger probes = new AtomicInteger(1000);

	@AfterEach
	void stop() throws Exception {
		server.resume();
		stack.close();
		server.close();
	}

	private TwoLevelCache start(int pendingCapacity) {
		CacheProperties properties = TestStack.properties("things",
				TestStack.settings(Duration.ofMinutes(10), Duration.ZERO, 0), pendingCapacity);
		stack = new TestStack(server.url(), properties);
		return stack.cache("things");
	}

	@Test
	void anEvictSkippedWhileRedisIsPausedIsReplayedAndNoStaleValueIsReadAfterRecovery() {
		TwoLevelCache cache = start(10_000);
		AtomicReference<Thing> database = new AtomicReference<>(new Thing(1, "old"));
		assertThat(cache.get(1L, database::get)).isEqualTo(new Thing(1, "old"));

		pauseAndOpenTheBreaker(cache);
		database.set(new Thing(1, "new"));
		cache.evict(1L);
		assertThat(stack.stack.pending().blocks("things", "1")).isTrue();

		awaitRecovery(cache);

		assertThat(cache.get(1L, database::get)).as("first read after recovery").isEqualTo(new Thing(1, "new"));
		await().atMost(Duration.ofSeconds(10)).until(() -> stack.stack.pending().isEmpty());
		String raw = stack.redis.opsForValue().get("sf:cache:v1:things:1");
		assertThat(raw == null || raw.contains("\"new\"")).as(String.valueOf(raw)).isTrue();
		assertThat(cache.get(1L, database::get)).isEqualTo(new Thing(1, "new"));
	}

	@Test
	void aPutThatCouldNotReachRedisIsReplayedAsAnEvict() {
		TwoLevelCache cache = start(10_000);
		cache.put(2L, new Thing(2, "old"));

		pauseAndOpenTheBreaker(cache);
		cache.put(2L, new Thing(2, "new"));
		awaitRecovery(cache);

		await().atMost(Duration.ofSeconds(10)).until(() -> stack.stack.pending().isEmpty());
		String raw = stack.redis.opsForValue().get("sf:cache:v1:things:2");
		assertThat(raw == null || raw.contains("\"new\"")).as(String.valueOf(raw)).isTrue();
	}

	@Test
	void pastItsCapacityTheWholeCacheIsClearedOnRecoveryAndNothingElse() {
		TwoLevelCache cache = start(2);
		for (long id = 1; id <= 5; id++) {
			cache.put(id, new Thing(id, "old"));
		}
		stack.redis.opsForValue().set("sf:other:survivor", "x");

		pauseAndOpenTheBreaker(cache);
		for (long id = 1; id <= 5; id++) {
			cache.evict(id);
		}
		assertThat(stack.stack.pending().blocks("things", "42")).as("the whole cache is suspect").isTrue();
		awaitRecovery(cache);

		await().atMost(Duration.ofSeconds(10)).until(() -> stack.stack.pending().isEmpty());
		for (long id = 1; id <= 5; id++) {
			String raw = stack.redis.opsForValue().get("sf:cache:v1:things:" + id);
			assertThat(raw == null || !raw.contains("\"old\"")).as("key %d: %s", id, raw).isTrue();
		}
		assertThat(stack.redis.opsForValue().get("sf:other:survivor")).isEqualTo("x");
	}

	@Test
	void aTagInvalidationThatFailedIsReplayedAndTheTaggedEntryIsNotServedMeanwhile() {
		TwoLevelCache cache = start(10_000);
		AtomicReference<Thing> database = new AtomicReference<>(new Thing(3, "old"));
		TagCache tags = stack.tags();
		assertThat(tags.get("things", "page", List.of("red"), database::get)).isEqualTo(new Thing(3, "old"));

		pauseAndOpenTheBreaker(cache);
		database.set(new Thing(3, "new"));
		tags.invalidate("red");
		awaitRecovery(cache);

		assertThat(tags.get("things", "page", List.of("red"), database::get)).isEqualTo(new Thing(3, "new"));
		await().atMost(Duration.ofSeconds(10)).until(() -> stack.stack.pending().isEmpty());
		String raw = stack.redis.opsForValue().get("sf:cache:v1:things:page");
		assertThat(raw == null || raw.contains("\"new\"")).as(String.valueOf(raw)).isTrue();
	}

	@Test
	void whileRedisIsDownATaggedEntryStaysInProcessForTheDegradedTtlOnly() {
		TwoLevelCache cache = start(10_000);
		TagCache tags = stack.tags();
		AtomicInteger loads = new AtomicInteger();
		Supplier<Thing> database = () -> new Thing(4, "v" + loads.incrementAndGet());
		pauseAndOpenTheBreaker(cache);

		Thing first = tags.get("things", "listing", List.of("blue"), database);
		assertThat(tags.get("things", "listing", List.of("blue"), database)).as("served from L1").isEqualTo(first);
		assertThat(loads).hasValue(1);
		assertThat(stack.stack.pending().blocks("things", "listing")).as("evicted everywhere on recovery").isTrue();

		// l1.degraded-ttl (1 s): no tag invalidation can reach the entry, so it is reloaded soon after.
		await().atMost(Duration.ofSeconds(5)).until(() -> !tags.get("things", "listing", List.of("blue"), database)
			.equals(first));
	}

	/**
	 * Freezes the server (its data survives) until {@link #awaitRecovery} thaws it, and fails calls until the
	 * cache's breaker is open: no fixed pause that a loaded machine could outlast before the breaker opens.
	 */
	private void pauseAndOpenTheBreaker(TwoLevelCache cache) {
		server.pause();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			long key = probes.incrementAndGet();
			cache.get(key, () -> new Thing(key, "probe"));
			return stack.stack.context().l2().guard().isOpen();
		});
	}

	private void awaitRecovery(TwoLevelCache cache) {
		server.resume();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			long key = probes.incrementAndGet();
			cache.get(key, () -> new Thing(key, "probe"));
			return !stack.stack.context().l2().guard().isOpen();
		});
	}

}
