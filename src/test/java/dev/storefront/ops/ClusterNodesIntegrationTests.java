package dev.storefront.ops;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.RedisCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring on a Redis Cluster of 3 masters and 3 replicas ({@link RedisCluster}, from the
 * {@code redis-server} and {@code redis-cli} on PATH): INFO and the gauges cover every node, and the key
 * sample covers every master and no replica.
 */
class ClusterNodesIntegrationTests {

	private static RedisCluster cluster;

	private static LettuceConnectionFactory factory;

	@BeforeAll
	static void startCluster() {
		assumeThat(onPath("redis-cli")).as("redis-server and redis-cli on PATH").isTrue();
		cluster = RedisCluster.start();
		factory = new LettuceConnectionFactory(new RedisClusterConfiguration(cluster.nodes()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
		factory.afterPropertiesSet();
		factory.start();
	}

	@AfterAll
	static void stopCluster() {
		if (factory != null) {
			factory.destroy();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void infoAndGaugesCoverEveryNode() {
		RedisTarget target = new RedisTarget("state", factory);
		// Replicas finish their first sync a moment after the cluster reports ok.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, Object> info = reports(target).part(RedisReports.Part.INFO);
			@SuppressWarnings("unchecked")
			Map<String, Object> nodes = (Map<String, Object>) info.get("state");
			assertThat(nodes.keySet()).containsExactlyInAnyOrderElementsOf(cluster.nodes());
			assertThat(nodes.values()).allSatisfy(node -> assertThat(node).isInstanceOf(NodeInfo.class));
			List<NodeInfo> masters = nodes.values().stream().map(NodeInfo.class::cast)
				.filter(node -> node.role().equals("master")).toList();
			assertThat(masters).hasSize(3)
				.allSatisfy(master -> assertThat(master.replication().replicas()).isEqualTo(1));
		});

		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new InfoPoller(List.of(target), new RedisNodes(Duration.ofSeconds(5)), registry, Duration.ofHours(1)).poll();
		for (String node : cluster.nodes()) {
			assertThat(registry.get("storefront.redis.memory.used").tag("redis", "state").tag("node", node).gauge()
				.value()).isPositive();
		}
	}

	@Test
	void theKeySampleScansEveryMaster() {
		StringRedisTemplate redis = new StringRedisTemplate(factory);
		for (int i = 0; i < 60; i++) {
			redis.opsForValue().set("sf:clustertest:" + i, "x");
		}

		MemoryReport memory = (MemoryReport) reports(new RedisTarget("state", factory)).part(RedisReports.Part.MEMORY)
			.get("state");

		assertThat(memory.failedNodes()).isEmpty();
		assertThat(memory.patterns()).anySatisfy(pattern -> {
			assertThat(pattern.pattern()).isEqualTo("sf:clustertest:*");
			assertThat(pattern.sampledKeys()).isEqualTo(60);
		});
	}

	private static RedisReports reports(RedisTarget target) {
		return new RedisReports(List.of(target), new RedisNodes(Duration.ofSeconds(5)), new KeySampler(10_000, 500),
				new BigKeys(20, 10_000), new Diagnostics(50, 64));
	}

	private static boolean onPath(String binary) {
		try {
			return new ProcessBuilder(binary, "--version").start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
