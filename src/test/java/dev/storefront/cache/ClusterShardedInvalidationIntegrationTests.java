package dev.storefront.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.config.ShardedChannels;
import dev.storefront.support.ClusterPubSubCounters;
import dev.storefront.support.RedisCluster;
import dev.storefront.support.RedisProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * L1 invalidations over sharded pub/sub on the 3+3 {@link RedisCluster}: two stacks play two instances.
 * An eviction on A reaches B whichever master holds its channel, also after a failover of that master; and a
 * sharded invalidation costs one bus message (to the shard's replica) where a classic {@code PUBLISH} costs
 * one per other node. Runs only in the Cluster execution of the {@code topologies} profile.
 */
class ClusterShardedInvalidationIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(ClusterShardedInvalidationIntegrationTests.class);

	private static final String CACHE = "sharded";

	private static final int CHANNELS = 16;

	private final CacheSettings settings = TestStack.settings(Duration.ofMinutes(10), Duration.ZERO, 0);

	private final ClientResources resources = DefaultClientResources.create();

	private LettuceConnectionFactory factoryA;

	private LettuceConnectionFactory factoryB;

	private TwoLevelStack a;

	private TwoLevelStack b;

	@BeforeEach
	void start() {
		factoryA = factory();
		factoryB = factory();
		a = stack(factoryA);
		b = stack(factoryB);
		await().atMost(Duration.ofSeconds(30)).until(() -> a.listening() && b.listening());
	}

	@AfterEach
	void stop() throws Exception {
		for (TwoLevelStack stack : new TwoLevelStack[] { a, b }) {
			if (stack != null) {
				stack.destroy();
			}
		}
		for (LettuceConnectionFactory factory : new LettuceConnectionFactory[] { factoryA, factoryB }) {
			if (factory != null) {
				factory.destroy();
			}
		}
		resources.shutdown();
	}

	@Test
	void anEvictionOnAReachesBWhicheverMasterHoldsItsChannel() {
		Map<String, String> keyByMaster = keysByChannelMaster();
		assertThat(keyByMaster).as("invalidation channels by master").hasSize(3);
		keyByMaster.values().forEach(this::assertEvictionReachesB);
	}

	@Test
	void invalidationsStillArriveAfterTheirChannelsMasterFailsOver() {
		Map.Entry<String, String> target = keysByChannelMaster().entrySet().iterator().next();
		int master = Integer.parseInt(target.getKey().substring(target.getKey().indexOf(':') + 1));
		int replica = replicaOf(master);
		failOver(replica);
		try {
			// The old master ends its shard subscriptions (sunsubscribe); the stacks subscribe on the new one.
			assertEvictionReachesB(target.getValue());
		}
		finally {
			failOver(master);
		}
		assertEvictionReachesB(target.getValue());
	}

	@Test
	void aShardedInvalidationIsNotCopiedToEveryNode() {
		int messages = 300;
		StringRedisTemplate redis = new StringRedisTemplate(factoryA);
		ClusterPubSubCounters start = ClusterPubSubCounters.read();
		// Before: the classic channel, as every instance published until now.
		for (int i = 0; i < messages; i++) {
			redis.convertAndSend(CacheKeys.CHANNEL, "classic|e|" + CACHE + "|" + i);
		}
		int otherNodes = RedisCluster.shared().ports().size() - 1;
		await().atMost(Duration.ofSeconds(10)).until(() -> ClusterPubSubCounters.read().minus(start),
				delta -> delta.total(delta.busPublish()) >= (long) messages * otherNodes);
		ClusterPubSubCounters classic = ClusterPubSubCounters.read().minus(start);

		ClusterPubSubCounters middle = ClusterPubSubCounters.read();
		for (int i = 0; i < messages; i++) {
			assertThat(a.context().invalidations().publishEvict(CACHE, String.valueOf(i))).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> ClusterPubSubCounters.read().minus(middle),
				delta -> delta.total(delta.busShard()) >= messages);
		ClusterPubSubCounters sharded = ClusterPubSubCounters.read().minus(middle);

		log.info("{} classic invalidations: bus messages received per node {} (total {}), PUBLISH per node {}",
				messages, classic.busPublish(), classic.total(classic.busPublish()), classic.publishCalls());
		log.info("{} sharded invalidations: bus messages received per node {} (total {}), SPUBLISH per node {}",
				messages, sharded.busShard(), sharded.total(sharded.busShard()), sharded.spublishCalls());
		assertThat(classic.total(classic.busPublish())).as("classic: a copy on every other node")
			.isGreaterThanOrEqualTo((long) messages * otherNodes);
		// One copy per message, to the one replica of the channel's master; nothing to the other shards.
		assertThat(sharded.total(sharded.busShard())).as("sharded: one copy per message")
			.isBetween((long) messages, messages * 11L / 10);
		assertThat(sharded.spublishCalls().values().stream().filter(calls -> calls > 0))
			.as("masters that took SPUBLISH traffic").hasSize(3)
			.allSatisfy(calls -> assertThat(calls).isLessThan(messages * 2L / 3));
	}

	private void assertEvictionReachesB(String key) {
		CacheEntry entry = new CacheEntry(new Thing(1, key), Long.MAX_VALUE, Long.MAX_VALUE, 1, CacheEntry.NO_VERSION, 0);
		// An eviction published before B's (re)subscription lands is lost, so publish again until one arrives;
		// the inner wait's timeout is one failed try (ignoreExceptions), not the end of the test.
		await("eviction of " + key + " on B").atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			b.manager().raw(CACHE).putLocal(key, entry);
			a.context().invalidations().publishEvict(CACHE, key);
			await().atMost(Duration.ofSeconds(2)).until(() -> b.manager().raw(CACHE).peekLocal(key) == null);
		});
	}

	/** One cache key per master, that master owning the slot of the key's invalidation channel. */
	private Map<String, String> keysByChannelMaster() {
		Map<String, String> keyByMaster = new LinkedHashMap<>();
		RedisClusterConnection connection = factoryA.getClusterConnection();
		try {
			for (int i = 0; i < 1000 && keyByMaster.size() < 3; i++) {
				String key = "k" + i;
				String channel = ShardedChannels.channelFor(CacheKeys.SHARDED_CHANNEL_PREFIX, CHANNELS, CACHE + "|" + key);
				var master = connection.clusterGetNodeForKey(channel.getBytes(StandardCharsets.UTF_8));
				keyByMaster.putIfAbsent(master.getHost() + ":" + master.getPort(), key);
			}
		}
		finally {
			connection.close();
		}
		return keyByMaster;
	}

	/** The port of the master's replica, from {@code ROLE}: master, offset, then ip, port, offset per replica. */
	private static int replicaOf(int master) {
		List<String> role = RedisProcess.cli("-p", String.valueOf(master), "role").lines().toList();
		assertThat(role).as("ROLE of %s", master).hasSizeGreaterThanOrEqualTo(4).first().isEqualTo("master");
		return Integer.parseInt(role.get(3).strip());
	}

	/**
	 * A manual (graceful) failover: {@code replica} becomes the master of its shard. A replica that has just
	 * changed sides must first be in sync with its master, and a manual failover that times out is dropped by
	 * Redis: so wait for the link, and ask again until it happened.
	 */
	private static void failOver(int replica) {
		String port = String.valueOf(replica);
		await("replication link of " + replica).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> RedisProcess.cli("-p", port, "info", "replication").contains("master_link_status:up"));
		for (int attempt = 1; !RedisProcess.cli("-p", port, "role").startsWith("master"); attempt++) {
			assertThat(attempt).as("failover attempts to %s", replica).isLessThanOrEqualTo(4);
			RedisProcess.cli("-p", port, "cluster", "failover");
			try {
				await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200))
					.until(() -> RedisProcess.cli("-p", port, "role").startsWith("master"));
			}
			catch (org.awaitility.core.ConditionTimeoutException retry) {
				// Asked again below.
			}
		}
		await("cluster state after failover to " + replica).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200)).until(() -> RedisCluster.shared().ports().stream().allMatch(
					node -> RedisProcess.cli("-p", String.valueOf(node), "cluster", "info").contains("cluster_state:ok")));
	}

	private LettuceConnectionFactory factory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisClusterConfiguration(RedisCluster.shared().nodes()),
				LettuceClientConfiguration.builder().clientResources(resources).commandTimeout(Duration.ofSeconds(5))
					.build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private TwoLevelStack stack(LettuceConnectionFactory factory) {
		TwoLevelStack stack = new TwoLevelStack(TestStack.properties(CACHE, settings), factory, resources,
				new SimpleMeterRegistry(), TestStack.breaker());
		stack.start();
		return stack;
	}

}
