package dev.storefront.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.RedisCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keyspace-notification pre-warm on the 3+3 {@link RedisCluster}: expiry events are node-local, so entries
 * whose slots live on different masters must all be reloaded. Runs only in the Cluster execution of the
 * {@code topologies} profile (its Cluster has {@code notify-keyspace-events Egx} on every node).
 */
class ClusterPrewarmIntegrationTests {

	private static final String CACHE = "clusterwarm";

	private final CacheSettings settings = new CacheSettings(Thing.class.getName(), Duration.ofMinutes(10), 0,
			new CacheSettings.L1(100, Duration.ofMinutes(1), null,
					Duration.ofSeconds(1)), Duration.ZERO, Duration.ZERO, 0, true);

	private final ClientResources resources = DefaultClientResources.create();

	private LettuceConnectionFactory factory;

	private StringRedisTemplate redis;

	private TwoLevelStack stack;

	@BeforeEach
	void start() {
		factory = new LettuceConnectionFactory(new RedisClusterConfiguration(RedisCluster.shared().nodes()),
				LettuceClientConfiguration.builder().clientResources(resources).commandTimeout(Duration.ofSeconds(5))
					.build());
		factory.afterPropertiesSet();
		factory.start();
		redis = new StringRedisTemplate(factory);
		Map<String, Long> before = expirySubscribers();
		stack = new TwoLevelStack(TestStack.properties(CACHE, settings), factory, resources, new SimpleMeterRegistry(),
				TestStack.breaker());
		stack.start();
		await().atMost(Duration.ofSeconds(30)).until(stack::listening);
		// The per-master subscription is asynchronous: wait until every master counts one more subscriber.
		await().atMost(Duration.ofSeconds(30)).until(() -> expirySubscribers().entrySet().stream()
			.allMatch(master -> master.getValue() > before.getOrDefault(master.getKey(), 0L)));
	}

	@AfterEach
	void stop() throws Exception {
		if (stack != null) {
			stack.destroy();
		}
		if (factory != null) {
			factory.destroy();
		}
		resources.shutdown();
	}

	@Test
	void expiredEntriesOnEveryMasterAreReloaded() {
		Map<String, String> keyByMaster = keysOnDistinctMasters();
		assertThat(keyByMaster).as("entry keys by master").hasSizeGreaterThanOrEqualTo(2);
		Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
		keyByMaster.values().forEach(key -> {
			redis.delete(CacheKeys.entry(CACHE, key));
			AtomicInteger count = loads.computeIfAbsent(key, k -> new AtomicInteger());
			Callable<Thing> loader = () -> new Thing(Long.parseLong(key), "load " + count.incrementAndGet());
			assertThat(stack.manager().raw(CACHE).get(key, loader).name()).isEqualTo("load 1");
		});

		keyByMaster.values().forEach(key -> redis.expire(CacheKeys.entry(CACHE, key), Duration.ofMillis(50)));

		keyByMaster.forEach((master, key) -> {
			String entry = CacheKeys.entry(CACHE, key);
			await("reload of " + entry + " on master " + master).atMost(Duration.ofSeconds(10))
				.until(() -> redis.opsForValue().get(entry), value -> value != null && value.contains("load 2"));
			assertThat(redis.getExpire(entry)).as("TTL of reloaded %s", entry).isGreaterThan(500);
			assertThat(stack.manager().raw(CACHE).get(key, () -> new Thing(0, "not reloaded")).name())
				.isEqualTo("load 2");
		});
		assertThat(loads.values()).allSatisfy(count -> assertThat(count).hasValue(2));
	}

	/** One entry key per master (the key's slot decides), at least two masters, three when found. */
	private Map<String, String> keysOnDistinctMasters() {
		Map<String, String> keyByMaster = new LinkedHashMap<>();
		RedisClusterConnection connection = factory.getClusterConnection();
		try {
			for (int i = 1; i < 1000 && keyByMaster.size() < 3; i++) {
				String key = String.valueOf(i);
				var master = connection.clusterGetNodeForKey(
						CacheKeys.entry(CACHE, key).getBytes(StandardCharsets.UTF_8));
				keyByMaster.putIfAbsent(master.getHost() + ":" + master.getPort(), key);
			}
		}
		finally {
			connection.close();
		}
		return keyByMaster;
	}

	/** {@code PUBSUB NUMSUB} of the expired-event channel on each master. */
	private Map<String, Long> expirySubscribers() {
		RedisClusterClient client = (RedisClusterClient) factory.getRequiredNativeClient();
		Map<String, Long> counts = new LinkedHashMap<>();
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			for (RedisClusterNode node : connection.getPartitions()) {
				if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
					Map<String, Long> numsub = connection.getConnection(node.getNodeId()).sync()
						.pubsubNumsub(Prewarmer.CLUSTER_EXPIRED_EVENTS);
					counts.put(node.getNodeId(), numsub.getOrDefault(Prewarmer.CLUSTER_EXPIRED_EVENTS, 0L));
				}
			}
		}
		return counts;
	}

}
