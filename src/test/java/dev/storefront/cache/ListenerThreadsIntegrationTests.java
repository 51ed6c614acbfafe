package dev.storefront.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.lettuce.core.RedisFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pub/sub traffic does not start threads (issue 11 item 11): 10,000 peer invalidations and 10,000
 * expiring keys (keyspace notifications, on for pre-warm) run on the listener's one bounded thread.
 * Its own Redis: the test turns on keyspace notifications and floods the channel.
 */
class ListenerThreadsIntegrationTests {

	private static final int MESSAGES = 10_000;

	private final EmbeddedRedis server = EmbeddedRedis.start();

	private final TestStack stack = new TestStack(server.url(), TestStack.properties("things",
			new CacheSettings(Thing.class.getName(), Duration.ofMinutes(1), 0.1,
					new CacheSettings.L1(1000, Duration.ofMinutes(5), null,
							Duration.ofSeconds(1)), Duration.ZERO, Duration.ZERO, 0, true)));

	// Long timeouts: the flood itself must not time out on a busy machine.
	private final LettuceConnectionFactory flooder = server.connectionFactory(Duration.ofSeconds(30));

	private final StringRedisTemplate redis = new StringRedisTemplate(flooder);

	@AfterEach
	void stop() throws Exception {
		stack.close();
		flooder.destroy();
		server.close();
	}

	@Test
	void tenThousandMessagesAndExpiriesRaiseTheThreadCountByAtMostASmallConstant() {
		TwoLevelCache cache = stack.cache("things");
		awaitEvicted(cache, "probe");
		ListenerExecutor pool = stack.stack.listenerExecutor();
		long tasksBefore = pool.completedTasks();

		List<String> expiring = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			expiring.add("sf:cache:v1:things:expiring-" + i);
		}
		AsyncPipeline.run(redis, Duration.ofSeconds(60), async -> expiring.stream()
			.<RedisFuture<?>>map(key -> async.psetex(L2Store.bytes(key), 50, L2Store.bytes("x")))
			.toList());
		// A peer's evictions: any instance id but the stack's own.
		AsyncPipeline.run(redis, Duration.ofSeconds(60), async -> IntStream.range(0, MESSAGES)
			.<RedisFuture<?>>mapToObj(i -> async.publish(L2Store.bytes(CacheKeys.CHANNEL),
					L2Store.bytes("peer|e|things|flood-" + i)))
			.toList());

		// Redis reclaims expired keys (and announces each) in its background cycle.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> dbSize() < 10);
		// One listener thread handles messages in order: once this one is through, the flood is too.
		awaitEvicted(cache, "last");

		// Counted on the pool this stack owns, not JVM-wide (other contexts in the fork start threads too):
		// every message and expiry ran as a task of its one thread.
		assertThat(pool.largestPoolSize()).isEqualTo(1);
		assertThat(pool.completedTasks() - tasksBefore).isGreaterThanOrEqualTo(MESSAGES);
	}

	private long dbSize() {
		Long size = redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().dbSize());
		return size == null ? 0 : size;
	}

	private void awaitEvicted(TwoLevelCache cache, String key) {
		cache.putLocal(key, new CacheEntry(new Thing(0, key), Long.MAX_VALUE, Long.MAX_VALUE, 1, CacheEntry.NO_VERSION, 0));
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			redis.convertAndSend(CacheKeys.CHANNEL, "peer|e|things|" + key);
			return cache.peekLocal(key) == null;
		});
	}

}
