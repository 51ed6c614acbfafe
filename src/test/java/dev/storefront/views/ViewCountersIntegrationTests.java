package dev.storefront.views;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.catalog.ProductViews;
import dev.storefront.locking.DistributedLocks;
import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ViewCountersIntegrationTests {

	static {
		dev.storefront.cache.WarmRedis.awaitResponsive();
	}

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ViewRecorder recorder;

	@Autowired
	ViewFlusher flusher;

	@Autowired
	ProductViews database;

	@Autowired
	DistributedLocks locks;

	@Autowired
	Api api;

	long product;

	@BeforeEach
	void product() {
		Api.Session admin = api.admin();
		long category = api.post("/api/categories", Map.of("name", "Views " + UUID.randomUUID())).as(admin).send()
			.expect(201).json().get("id").asLong();
		product = api.post("/api/products", Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "Viewed",
				"price", new BigDecimal("1.00"), "stock", 1, "categoryId", category)).as(admin).send().expect(201).json()
			.get("id").asLong();
	}

	@Test
	void flushesLoseNoIncrementsUnderConcurrentViews() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(9);
		AtomicBoolean viewing = new AtomicBoolean(true);
		Future<?> flushing = pool.submit(() -> {
			while (viewing.get()) {
				recorder.drain();
				flusher.flush();
			}
		});
		List<Future<?>> viewers = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			viewers.add(pool.submit(() -> {
				for (int i = 0; i < 50; i++) {
					api.get("/api/products/" + product).send().expect(200);
				}
			}));
		}
		for (Future<?> viewer : viewers) {
			viewer.get(120, TimeUnit.SECONDS);
		}
		viewing.set(false);
		flushing.get(30, TimeUnit.SECONDS);
		pool.shutdown();

		recorder.drain();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			flusher.flush();
			return database.count(product) == 400;
		});
		assertThat(redis.hasKey(ViewKeys.pending(product))).isFalse();
		assertThat(redis.hasKey(ViewKeys.flushing(product))).isFalse();
	}

	@Test
	void statsCountUnflushedViewsAndUniqueVisitors() {
		api.get("/api/products/" + product).send().expect(200);
		api.get("/api/products/" + product).send().expect(200);
		api.get("/api/products/" + product).as(api.newUser()).send().expect(200);
		recorder.drain();

		// Visitors are recorded off the request thread (analytics' recorder): wait for its next batch.
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var stats = api.get("/api/products/" + product + "/stats").send().expect(200).json();
			assertThat(stats.get("views").asLong()).isEqualTo(3);
			assertThat(stats.get("uniqueVisitorsToday").asLong()).isEqualTo(2);
		});
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			flusher.flush();
			return database.count(product) == 3;
		});
		assertThat(api.get("/api/products/" + product + "/stats").send().expect(200).json().get("views").asLong())
			.isEqualTo(3);
		api.get("/api/products/999999999/stats").send().expect(404);
	}

	@Test
	void claimMovesPendingIntoFlushingAtomicallyAndKeepsLeftovers() {
		long id = 7_000_000_000L + System.nanoTime() % 1_000_000;
		redis.opsForValue().set(ViewKeys.pending(id), "5");
		redis.opsForValue().set(ViewKeys.flushing(id), "2");

		Long claimed = redis.execute(ViewFlusher.CLAIM, List.of(ViewKeys.pending(id), ViewKeys.flushing(id)));

		assertThat(claimed).isEqualTo(7);
		assertThat(redis.hasKey(ViewKeys.pending(id))).isFalse();
		assertThat(redis.opsForValue().get(ViewKeys.flushing(id))).isEqualTo("7");
		redis.delete(ViewKeys.flushing(id));
	}

	@Test
	void onlyTheHolderOfTheSharedFlushLockFlushes() throws Exception {
		long id = product;
		long[] expected = new long[1];

		// Another holder (a thread of its own: Redisson locks are reentrant per thread) is flushing:
		// this instance skips its turn and leaves the counter alone.
		ExecutorService other = Executors.newSingleThreadExecutor();
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
		Future<?> holder = other.submit(() -> {
			// The scheduled flusher may hold the lock for a moment: wait for it, polling in this thread,
			// which must be the one that releases the lock.
			try (var lock = org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(10))
				.until(() -> locks.tryLock(DistributedFlushLock.RESOURCE), java.util.Optional::isPresent)
				.orElseThrow()) {
				held.countDown();
				release.await();
			}
			return null;
		});
		try {
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(redis.hasKey(DistributedLocks.keyOf(DistributedFlushLock.RESOURCE))).isTrue();
			// Count the view only now: with the lock held elsewhere, no scheduled flush can take it.
			String pendingBefore = redis.opsForValue().get(ViewKeys.pending(id));
			expected[0] = database.count(id) + (pendingBefore == null ? 0 : Long.parseLong(pendingBefore)) + 1;
			api.get("/api/products/" + id).send().expect(200);
			recorder.drain();
			assertThat(redis.opsForValue().get(ViewKeys.pending(id))).isNotNull();
			assertThat(flusher.flush()).isEqualTo(-1);
			assertThat(redis.opsForValue().get(ViewKeys.pending(id))).isNotNull();
		}
		finally {
			release.countDown();
			holder.get(10, TimeUnit.SECONDS);
			other.shutdown();
		}
		// The scheduled flusher may take the lock first (then this flush answers -1): either way the view
		// reaches the database exactly once.
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			flusher.flush();
			return !redis.hasKey(ViewKeys.pending(id)) && !redis.hasKey(ViewKeys.flushing(id));
		});
		assertThat(database.count(id)).isEqualTo(expected[0]);
	}

}
