package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.storefront.support.DevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load that read the row before a commit finishes after that commit's write-through: the newer version
 * stays, in Redis and in every L1 (issue 11 item 7). The delay between load and write is injected with
 * latches, so the interleaving is the same on every run.
 */
class SlowLoadIntegrationTests {

	private final String name = "versioned" + UUID.randomUUID().toString().substring(0, 8);

	private TestStack a;

	private TestStack b;

	private final CountDownLatch loading = new CountDownLatch(1);

	private final CountDownLatch commit = new CountDownLatch(1);

	@BeforeEach
	void twoInstances() {
		CacheSettings settings = new CacheSettings(VersionedThing.class.getName(), Duration.ofMinutes(10), 0.1,
				new CacheSettings.L1(1000, Duration.ofMinutes(5), null,
						Duration.ofSeconds(1)), Duration.ofSeconds(20), Duration.ZERO, 0, false);
		a = new TestStack(DevServices.redisUrl(), TestStack.properties(name, settings));
		b = new TestStack(DevServices.redisUrl(), TestStack.properties(name, settings));
	}

	@AfterEach
	void stop() throws Exception {
		a.close();
		b.close();
	}

	@Test
	void aSlowColdLoadNeverOverwritesANewerWriteThrough() throws Exception {
		CompletableFuture<VersionedThing> slow = CompletableFuture
			.supplyAsync(() -> a.cache(name).get(1L, () -> readRowThenStall(new VersionedThing(1, "v1", 1))));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

		b.cache(name).put(1L, new VersionedThing(1, "v2", 2));
		commit.countDown();
		slow.get(10, TimeUnit.SECONDS);

		assertThat(a.redis.opsForValue().get(key(1))).startsWith("{\"n\":2,").contains("\"v2\"");
		assertThat(a.cache(name).get(1L, VersionedThing.class)).isEqualTo(new VersionedThing(1, "v2", 2));
		assertThat(b.cache(name).get(1L, VersionedThing.class)).isEqualTo(new VersionedThing(1, "v2", 2));
	}

	@Test
	void aSlowBatchLoadNeverOverwritesANewerWriteThrough() throws Exception {
		CompletableFuture<Map<Long, VersionedThing>> slow = CompletableFuture.supplyAsync(
				() -> a.batch().getAll(name, List.of(2L, 3L), (Set<Long> ids) -> Map.of(2L,
						readRowThenStall(new VersionedThing(2, "v1", 1)), 3L, new VersionedThing(3, "v1", 1))));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

		b.cache(name).put(2L, new VersionedThing(2, "v2", 2));
		commit.countDown();
		slow.get(10, TimeUnit.SECONDS);

		assertThat(a.redis.opsForValue().get(key(2))).contains("\"v2\"");
		assertThat(a.redis.opsForValue().get(key(3))).contains("\"v1\"");
		assertThat(a.cache(name).get(2L, VersionedThing.class)).isEqualTo(new VersionedThing(2, "v2", 2));
	}

	@Test
	void aNotFoundLoadedBeforeACreateNeverReplacesTheCreatedEntity() throws Exception {
		CompletableFuture<VersionedThing> slow = CompletableFuture
			.supplyAsync(() -> a.cache(name).get(4L, () -> readRowThenStall(null)));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

		b.cache(name).put(4L, new VersionedThing(4, "created", 0));
		commit.countDown();
		slow.get(10, TimeUnit.SECONDS);

		assertThat(a.redis.opsForValue().get(key(4))).contains("\"created\"");
	}

	private VersionedThing readRowThenStall(VersionedThing row) {
		loading.countDown();
		try {
			assertThat(commit.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return row;
	}

	private String key(long id) {
		return "sf:cache:v1:" + name + ":" + id;
	}

}
