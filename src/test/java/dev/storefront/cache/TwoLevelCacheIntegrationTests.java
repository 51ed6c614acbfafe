package dev.storefront.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.DevServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Contract tests of the two-level cache against real Redis. Two independent stacks share one Redis
 * wherever "another instance" matters.
 */
class TwoLevelCacheIntegrationTests {

	private final String name = "things" + UUID.randomUUID().toString().substring(0, 8);

	private TestStack a;

	private TestStack b;

	private StringRedisTemplate redis;

	@BeforeEach
	void twoInstances() {
		start(TestStack.settings(Duration.ofMinutes(10), Duration.ofMinutes(1), 0));
	}

	private void start(CacheSettings settings) {
		a = new TestStack(DevServices.redisUrl(), TestStack.properties(name, settings));
		b = new TestStack(DevServices.redisUrl(), TestStack.properties(name, settings));
		redis = a.redis;
	}

	@AfterEach
	void stop() throws Exception {
		a.close();
		b.close();
	}

	private void restart(CacheSettings settings) throws Exception {
		stop();
		start(settings);
	}

	@Test
	void storesVersionedTypedJsonWithJitteredTtl() {
		Thing thing = a.cache(name).get(42L, () -> new Thing(42, "answer"));

		String key = "sf:cache:v1:" + name + ":42";
		assertThat(thing).isEqualTo(new Thing(42, "answer"));
		assertThat(redis.opsForValue().get(key)).contains("\"v\":{\"id\":42,\"name\":\"answer\"}").doesNotContain("@class");
		// ttl 10 min + up to 10% jitter, plus the 1 min stale window
		assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(660L - 5, 720L);
		assertThat(b.cache(name).get(42L, Thing.class)).isEqualTo(thing);
	}

	@Test
	void jitterSpreadsTheExpiryOfKeysWrittenTogether() {
		for (long id = 0; id < 30; id++) {
			a.cache(name).put(id, new Thing(id, "t"));
		}
		Set<Long> ttls = new java.util.HashSet<>();
		for (long id = 0; id < 30; id++) {
			ttls.add(redis.getExpire("sf:cache:v1:" + name + ":" + id, TimeUnit.SECONDS));
		}
		assertThat(ttls).hasSizeGreaterThan(10);
	}

	@Test
	void twoHundredThreadsMissingOneKeyLoadItOnceAcrossTwoInstances() throws Exception {
		AtomicInteger loads = new AtomicInteger();
		CountDownLatch allStarted = new CountDownLatch(200);
		ExecutorService pool = Executors.newFixedThreadPool(200);
		List<Future<Thing>> results = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			TwoLevelCache cache = (i % 2 == 0 ? a : b).cache(name);
			results.add(pool.submit(() -> {
				allStarted.countDown();
				return cache.get(7L, () -> {
					loads.incrementAndGet();
					allStarted.await(10, TimeUnit.SECONDS);
					return new Thing(7, "seven");
				});
			}));
		}
		for (Future<Thing> result : results) {
			assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(new Thing(7, "seven"));
		}
		pool.shutdown();

		assertThat(loads).hasValue(1);
		assertThat(redis.hasKey("sf:cache:v1:" + name + ":7")).isTrue();
		assertThat(redis.hasKey(CacheKeys.lock("sf:cache:v1:" + name + ":7"))).isFalse();
	}

	@Test
	void aWaiterTakesOverWhenTheLoaderOfAnotherInstanceDies() {
		// A "dead" instance took the lock and will never write the value.
		redis.opsForValue().set(CacheKeys.lock("sf:cache:v1:" + name + ":9"), "dead-owner", Duration.ofMillis(400));
		AtomicInteger loads = new AtomicInteger();

		long started = System.nanoTime();
		Thing thing = a.cache(name).get(9L, () -> {
			loads.incrementAndGet();
			return new Thing(9, "nine");
		});

		assertThat(thing.name()).isEqualTo("nine");
		assertThat(loads).hasValue(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
	}

	@Test
	void aStaleReadReturnsAtOnceWhileExactlyOneRefreshRuns() throws Exception {
		long now = System.currentTimeMillis();
		CacheEntry stale = new CacheEntry(new Thing(5, "old"), now - 1000, now + 60_000, 5, CacheEntry.NO_VERSION, 0);
		redis.opsForValue().set("sf:cache:v1:" + name + ":5", a.cache(name).encode(stale), Duration.ofMinutes(1));
		AtomicInteger loads = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);

		for (int i = 0; i < 50; i++) {
			for (TestStack stack : List.of(a, b)) {
				long started = System.nanoTime();
				Thing thing = stack.cache(name).get(5L, () -> {
					loads.incrementAndGet();
					release.await(10, TimeUnit.SECONDS);
					return new Thing(5, "new");
				});
				assertThat(thing.name()).isEqualTo("old");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
			}
		}
		await().untilAtomic(loads, org.hamcrest.Matchers.equalTo(1));
		release.countDown();

		await().until(() -> redis.opsForValue().get("sf:cache:v1:" + name + ":5"), v -> v.contains("\"new\""));
		await().until(() -> a.cache(name).get(5L, Thing.class).name().equals("new")
				&& b.cache(name).get(5L, Thing.class).name().equals("new"));
		assertThat(loads).hasValue(1);
		assertThat(a.count("storefront.cache.refreshes", "result", "success")
				+ b.count("storefront.cache.refreshes", "result", "success")).isEqualTo(1);
		assertThat(a.count("storefront.cache.stale.served", "cache", name) + b.count("storefront.cache.stale.served")).isEqualTo(100);
	}

	@Test
	void aFailedRefreshKeepsTheStaleValueAndIsCounted() {
		long now = System.currentTimeMillis();
		CacheEntry stale = new CacheEntry(new Thing(6, "old"), now - 1000, now + 60_000, 5, CacheEntry.NO_VERSION, 0);
		redis.opsForValue().set("sf:cache:v1:" + name + ":6", a.cache(name).encode(stale), Duration.ofMinutes(1));

		Thing thing = a.cache(name).get(6L, () -> {
			throw new IllegalStateException("database down");
		});

		assertThat(thing.name()).isEqualTo("old");
		await().until(() -> a.count("storefront.cache.refreshes", "result", "failure") == 1);
		assertThat(redis.opsForValue().get("sf:cache:v1:" + name + ":6")).contains("\"old\"");
	}

	@Test
	void xfetchRefreshesAHotKeyBeforeItExpires() throws Exception {
		restart(TestStack.settings(Duration.ofMinutes(10), Duration.ZERO, 1.0));
		long now = System.currentTimeMillis();
		// Fresh for a whole minute (in Redis too), so no plain expiry can explain a load during the test; but a
		// load takes 10 minutes, so XFetch refreshes early with probability ~0.9 on each read.
		CacheEntry hot = new CacheEntry(new Thing(3, "old"), now + 60_000, now + 60_000, 600_000,
				CacheEntry.NO_VERSION, 0);
		redis.opsForValue().set("sf:cache:v1:" + name + ":3", a.cache(name).encode(hot), Duration.ofSeconds(60));
		AtomicInteger loads = new AtomicInteger();
		double staleBefore = a.count("storefront.cache.stale.served", "cache", name);

		for (int i = 0; i < 20; i++) {
			Thing read = a.cache(name).get(3L, () -> {
				loads.incrementAndGet();
				return new Thing(3, "new");
			});
			if (i == 0) {
				assertThat(read.name()).as("the early refresh runs in the background").isEqualTo("old");
			}
		}

		await().untilAtomic(loads, org.hamcrest.Matchers.equalTo(1));
		await().until(() -> redis.opsForValue().get("sf:cache:v1:" + name + ":3"), v -> v.contains("\"new\""));
		await().until(() -> a.count("storefront.cache.refreshes", "result", "success") == 1);
		assertThat(a.count("storefront.cache.stale.served", "cache", name)).as("never served stale: it was a fresh entry").isEqualTo(staleBefore);
	}

	@Test
	void withoutXfetchAFreshKeyIsNeverRefreshedEarly() {
		long now = System.currentTimeMillis();
		CacheEntry hot = new CacheEntry(new Thing(3, "old"), now + 5000, now + 5000, 10_000, CacheEntry.NO_VERSION, 0);
		redis.opsForValue().set("sf:cache:v1:" + name + ":3", a.cache(name).encode(hot), Duration.ofSeconds(5));
		AtomicInteger loads = new AtomicInteger();

		for (int i = 0; i < 20; i++) {
			a.cache(name).get(3L, () -> new Thing(3, "load " + loads.incrementAndGet()));
		}

		assertThat(loads).hasValue(0);
	}

	@Test
	void notFoundIsCachedForTheNullTtl() {
		AtomicInteger loads = new AtomicInteger();
		for (int i = 0; i < 10; i++) {
			assertThat(a.cache(name).<Thing>get(404L, () -> {
				loads.incrementAndGet();
				return null;
			})).isNull();
		}
		assertThat(b.cache(name).<Thing>get(404L, () -> {
			loads.incrementAndGet();
			return null;
		})).isNull();

		assertThat(loads).hasValue(1);
		String key = "sf:cache:v1:" + name + ":404";
		assertThat(redis.opsForValue().get(key)).contains("\"v\":null");
		assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(15_000L, 20_000L);
	}

	@Test
	void aPayloadOfAnotherShapeIsAMissAndIsReplaced() {
		String key = "sf:cache:v1:" + name + ":8";
		redis.opsForValue().set(key, "{\"@class\":\"java.lang.ProcessBuilder\",\"oops\":true}");

		Thing thing = a.cache(name).get(8L, () -> new Thing(8, "eight"));

		assertThat(thing.name()).isEqualTo("eight");
		assertThat(a.count("storefront.cache.errors", "op", "decode")).isEqualTo(1);
		assertThat(redis.opsForValue().get(key)).contains("\"eight\"");
	}

	@Test
	void anEvictOnOneInstanceRemovesTheL1CopyOnTheOther() {
		a.awaitSubscribed(b, name);
		a.cache(name).get(1L, () -> new Thing(1, "one"));
		b.cache(name).get(1L, () -> new Thing(1, "not loaded"));
		assertThat(b.cache(name).peekLocal("1")).isNotNull();

		a.cache(name).evict(1L);

		await().until(() -> b.cache(name).peekLocal("1") == null);
		assertThat(redis.hasKey("sf:cache:v1:" + name + ":1")).isFalse();
	}

	@Test
	void aPutOnOneInstanceInvalidatesOtherL1sButNotItsOwn() {
		a.awaitSubscribed(b, name);
		b.awaitSubscribed(a, name);
		a.cache(name).put(12L, new Thing(12, "marker"));
		b.cache(name).put(2L, new Thing(2, "old"));
		b.cache(name).put(12L, new Thing(12, "changed"));
		// b's message about 2 has reached a (it came before the one about 12), so it cannot evict a's later put
		await().until(() -> a.cache(name).peekLocal("12") == null);
		a.cache(name).get(2L, Thing.class);
		a.cache(name).put(11L, new Thing(11, "marker"));

		a.cache(name).put(2L, new Thing(2, "new"));
		b.cache(name).get(2L, Thing.class);
		b.cache(name).put(11L, new Thing(11, "changed"));

		// b's message about 11 arrives after a's own message about 2; a ignored its own one
		await().until(() -> a.cache(name).peekLocal("11") == null);
		assertThat(a.cache(name).peekLocal("2")).isNotNull();
		await().until(() -> b.cache(name).get(2L, Thing.class).name().equals("new"));
	}

	@Test
	void clearRemovesOnlyThisCacheWithScan() {
		a.awaitSubscribed(b, name);
		for (long id = 0; id < 1200; id++) {
			a.cache(name).put(id, new Thing(id, "t"));
		}
		b.cache(name).get(1L, Thing.class);
		redis.opsForValue().set("sf:cache:v1:" + name + "x:1", "other cache");

		a.cache(name).clear();

		assertThat(redis.hasKey("sf:cache:v1:" + name + ":1")).isFalse();
		assertThat(redis.hasKey("sf:cache:v1:" + name + ":1199")).isFalse();
		assertThat(redis.hasKey("sf:cache:v1:" + name + "x:1")).isTrue();
		await().until(() -> b.cache(name).peekLocal("1") == null);
		redis.delete("sf:cache:v1:" + name + "x:1");
	}

	@Test
	void tagInvalidationRemovesExactlyTheTaggedEntriesEverywhere() {
		a.awaitSubscribed(b, name);
		String red = "red-" + name;
		String blue = "blue-" + name;
		a.tags().get(name, "r", List.of(red), () -> new Thing(1, "r"));
		a.tags().get(name, "rb", List.of(red, blue), () -> new Thing(2, "rb"));
		a.tags().get(name, "b", List.of(blue), () -> new Thing(3, "b"));
		b.cache(name).get("r", Thing.class);
		String tagKey = "sf:cache:tag:{" + red + "}";
		assertThat(redis.opsForSet().members(tagKey)).containsExactlyInAnyOrder("sf:cache:v1:" + name + ":r",
				"sf:cache:v1:" + name + ":rb");
		// the tag set lives as long as its longest member
		assertThat(redis.getExpire(tagKey, TimeUnit.SECONDS))
			.isCloseTo(redis.getExpire("sf:cache:v1:" + name + ":rb", TimeUnit.SECONDS), within(80L));

		long removed = b.tags().invalidate(red);

		assertThat(removed).isEqualTo(2);
		assertThat(redis.hasKey("sf:cache:v1:" + name + ":r")).isFalse();
		assertThat(redis.hasKey("sf:cache:v1:" + name + ":rb")).isFalse();
		assertThat(redis.hasKey("sf:cache:v1:" + name + ":b")).isTrue();
		assertThat(redis.hasKey(tagKey)).isFalse();
		await().until(() -> a.cache(name).peekLocal("r") == null && a.cache(name).peekLocal("rb") == null);
		assertThat(a.cache(name).peekLocal("b")).isNotNull();
		assertThat(b.tags().invalidate(red)).isZero();
	}

	@Test
	void batchReadsL1ThenRedisThenLoadsTheRestInOneCall() {
		a.cache(name).put(1L, new Thing(1, "one"));
		b.cache(name).put(2L, new Thing(2, "two"));
		List<Set<Long>> loaderCalls = new ArrayList<>();

		Map<Long, Thing> found = a.batch().getAll(name, List.of(1L, 2L, 3L, 4L, 404L), missing -> {
			loaderCalls.add(Set.copyOf(missing));
			return missing.stream().filter(id -> id < 100).collect(Collectors.toMap(id -> id, id -> new Thing(id, "db")));
		});

		assertThat(found.keySet()).containsExactly(1L, 2L, 3L, 4L);
		assertThat(found.get(2L).name()).isEqualTo("two");
		assertThat(loaderCalls).containsExactly(Set.of(3L, 4L, 404L));
		assertThat(redis.opsForValue().get("sf:cache:v1:" + name + ":3")).contains("\"db\"");
		assertThat(redis.opsForValue().get("sf:cache:v1:" + name + ":404")).contains("\"v\":null");
		assertThat(a.count("storefront.cache.gets", "level", "l1", "result", "hit")).isEqualTo(1);
		assertThat(a.count("storefront.cache.gets", "level", "l2", "result", "hit")).isEqualTo(1);

		assertThat(b.batch().getAll(name, List.of(3L, 404L), missing -> {
			loaderCalls.add(Set.copyOf(missing));
			return Map.<Long, Thing>of();
		})).containsOnlyKeys(3L);
		assertThat(loaderCalls).hasSize(1);
	}

}
