package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

import dev.storefront.support.DevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listing loaded just before a tag invalidation and stored just after it must not stay for its TTL
 * (issue 11 item 8): the tag's generation moved on, so the entry is dropped. Latches force that
 * interleaving on every run.
 */
class TagRaceIntegrationTests {

	private final String name = "pages" + UUID.randomUUID().toString().substring(0, 8);

	private final String tag = "category:" + UUID.randomUUID();

	private final TestStack stack = new TestStack(DevServices.redisUrl(),
			TestStack.properties(name, TestStack.settings(Duration.ofMinutes(10), Duration.ZERO, 0)));

	@AfterEach
	void stop() throws Exception {
		stack.close();
	}

	@RepeatedTest(3)
	void aListingLoadedBeforeATagInvalidationAndStoredAfterItIsDropped() throws Exception {
		TagCache tags = stack.tags();
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch invalidated = new CountDownLatch(1);
		AtomicInteger loads = new AtomicInteger();
		CompletableFuture<Thing> slow = CompletableFuture.supplyAsync(() -> tags.get(name, "page-1", List.of(tag), () -> {
			loads.incrementAndGet();
			loading.countDown();
			await(invalidated);
			return new Thing(1, "before the change");
		}));
		await(loading);

		tags.invalidate(tag);
		invalidated.countDown();

		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(new Thing(1, "before the change"));
		assertThat(stack.redis.hasKey("sf:cache:v1:" + name + ":page-1")).isFalse();
		assertThat(stack.cache(name).peekLocal("page-1")).isNull();
		assertThat(tags.get(name, "page-1", List.of(tag), () -> new Thing(1, "after the change")))
			.isEqualTo(new Thing(1, "after the change"));
		assertThat(stack.redis.opsForSet().members("sf:cache:tag:{" + tag + "}"))
			.containsExactly("sf:cache:v1:" + name + ":page-1");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
