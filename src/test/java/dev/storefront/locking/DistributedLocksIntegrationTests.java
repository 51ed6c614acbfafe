package dev.storefront.locking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.EmbeddedRedis;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class DistributedLocksIntegrationTests {

	@Autowired
	DistributedLocks locks;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	DataRedisConnectionDetails connection;

	private final List<RedissonClient> extraClients = new ArrayList<>();

	private final ExecutorService pool = Executors.newFixedThreadPool(8);

	@AfterEach
	void cleanUp() {
		pool.shutdownNow();
		extraClients.forEach(client -> {
			if (!client.isShutdown()) {
				client.shutdown();
			}
		});
	}

	@Test
	void namesLockKeysWithOneRuleAndStoresThemInRedisWhileHeld() {
		String resource = "test:" + UUID.randomUUID();
		try (LockHandle held = locks.tryLock(resource).orElseThrow()) {
			assertThat(DistributedLocks.keyOf(resource)).isEqualTo("sf:lock:{" + resource + "}");
			assertThat(redis.type("sf:lock:{" + resource + "}").code()).isEqualTo("hash");
			assertThat(held.isHeld()).isTrue();
		}
		assertThat(redis.hasKey("sf:lock:{" + resource + "}")).isFalse();
	}

	@Test
	void rejectsResourceNamesThatWouldBreakTheHashTag() {
		assertThatThrownBy(() -> locks.tryLock("a{b}")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> locks.tryLock(" ")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void twoThreadsCannotHoldOneLockAtOnce() throws Exception {
		String resource = "test:" + UUID.randomUUID();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> holder = pool.submit(() -> locks.withLock(resource, Duration.ZERO, () -> {
			held.countDown();
			awaitLatch(release);
		}));
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

		Future<Optional<LockHandle>> second = pool.submit(() -> locks.tryLock(resource));
		assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
		Future<?> waiter = pool.submit(() -> locks.withLock(resource, Duration.ofMillis(300), () -> {
		}));
		assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LockBusy.class);

		release.countDown();
		holder.get(10, TimeUnit.SECONDS);
		Future<Boolean> after = pool.submit(() -> locks.runIfFree(resource, () -> {
		}));
		assertThat(after.get(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void serialisesARacyReadModifyWriteAcrossThreads() throws Exception {
		String resource = "test:" + UUID.randomUUID();
		int[] counter = { 0 };
		AtomicInteger inside = new AtomicInteger();
		AtomicBoolean overlapped = new AtomicBoolean();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			workers.add(pool.submit(() -> {
				for (int i = 0; i < 25; i++) {
					locks.withLock(resource, Duration.ofSeconds(20), () -> {
						if (inside.incrementAndGet() > 1) {
							overlapped.set(true);
						}
						int read = counter[0];
						Thread.yield(); // invite a lost update if the lock did not hold
						counter[0] = read + 1;
						inside.decrementAndGet();
					});
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(60, TimeUnit.SECONDS);
		}
		assertThat(overlapped).isFalse();
		assertThat(counter[0]).isEqualTo(8 * 25);
	}

	@Test
	void twoRedissonClientsCannotHoldOneLockAtOnce() {
		String resource = "test:" + UUID.randomUUID();
		RedissonClient other = client(connection, new LockingProperties(Duration.ofSeconds(30), 4, 1, 2, 1, 2, 1,
				Duration.ofMillis(100), Duration.ofSeconds(3)));
		RLock otherLock = other.getLock(DistributedLocks.keyOf(resource));

		try (LockHandle held = locks.tryLock(resource).orElseThrow()) {
			assertThat(otherLock.tryLock()).isFalse();
		}
		assertThat(otherLock.tryLock()).isTrue();
		try {
			assertThat(locks.tryLock(resource)).isEmpty();
		}
		finally {
			otherLock.unlock();
		}
	}

	@Test
	void watchdogKeepsTheLockAlivePastItsInitialLease() {
		String resource = "test:" + UUID.randomUUID();
		String key = DistributedLocks.keyOf(resource);
		DistributedLocks shortWatchdog = locksOn(connection, Duration.ofSeconds(1));
		shortWatchdog.withLock(resource, Duration.ZERO, () -> {
			assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, 1000L);
			// Wait for the renewals themselves: the remaining lease goes up twice, and the key never lapses.
			long[] last = { redis.getExpire(key, TimeUnit.MILLISECONDS) };
			int[] renewals = { 0 };
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
				long ttl = redis.getExpire(key, TimeUnit.MILLISECONDS);
				assertThat(ttl).as("the lock lapsed while held").isPositive();
				if (ttl > last[0]) {
					renewals[0]++;
				}
				last[0] = ttl;
				return renewals[0] >= 2;
			});
			assertThat(locks.tryLock(resource)).isEmpty();
		});
		assertThat(redis.hasKey(key)).isFalse();
	}

	@Test
	void aDeadHoldersLockIsReleasedByExpiry() {
		String resource = "test:" + UUID.randomUUID();
		String key = DistributedLocks.keyOf(resource);
		// A lease long enough that a loaded machine still sees the lock held before it lapses.
		RedissonClient doomed = client(connection, new LockingProperties(Duration.ofSeconds(3), 4, 1, 2, 1, 2, 1,
				Duration.ofMillis(100), Duration.ofSeconds(3)));
		DistributedLocks doomedLocks = new DistributedLocks(doomed, new LockMetrics(new SimpleMeterRegistry()));
		assertThat(doomedLocks.tryLock(resource)).isPresent(); // never released: its process "dies" next
		doomed.shutdown();

		assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, 3000L);
		assertThat(locks.tryLock(resource)).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> !Boolean.TRUE.equals(redis.hasKey(key)));
		try (LockHandle held = locks.tryLock(resource).orElseThrow()) {
			assertThat(held.isHeld()).isTrue();
		}
	}

	@Test
	void failsFastWithServiceUnavailableWhileRedisIsDownAndRecoversAfter() {
		try (EmbeddedRedis own = EmbeddedRedis.start()) {
			DataRedisConnectionDetails ownConnection = standalone(own.port());
			DistributedLocks ownLocks = locksOn(ownConnection, Duration.ofSeconds(30));
			assertThat(ownLocks.runIfFree("test:before", () -> {
			})).isTrue();

			own.stop();
			long started = System.nanoTime();
			assertThatThrownBy(() -> ownLocks.withLock("order:1", Duration.ofSeconds(5), () -> {
			})).isInstanceOf(LockServiceUnavailable.class)
				.satisfies(ex -> assertThat(((LockServiceUnavailable) ex).getStatusCode().value()).isEqualTo(503));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
			assertThatThrownBy(() -> ownLocks.tryLock("job:x")).isInstanceOf(LockServiceUnavailable.class);

			own.restart();
			await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
				.until(() -> ownLocks.runIfFree("test:after", () -> {
				}));
		}
	}

	private DistributedLocks locksOn(DataRedisConnectionDetails details, Duration watchdog) {
		return new DistributedLocks(client(details, new LockingProperties(watchdog, 4, 1, 2, 1, 2, 1,
				Duration.ofMillis(100), Duration.ofSeconds(3))), new LockMetrics(new SimpleMeterRegistry()));
	}

	private RedissonClient client(DataRedisConnectionDetails details, LockingProperties properties) {
		RedissonClient client = RedissonClients.create(details, Duration.ofMillis(500), Duration.ofMillis(500),
				properties);
		extraClients.add(client);
		return client;
	}

	private static DataRedisConnectionDetails standalone(int port) {
		return new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return Standalone.of("127.0.0.1", port);
			}
		};
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
