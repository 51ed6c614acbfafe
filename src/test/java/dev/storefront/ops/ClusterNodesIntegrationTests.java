package dev.storefront.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring on a Redis Cluster of three masters (no replicas, to stay cheap), started from the
 * {@code redis-server} and {@code redis-cli} on PATH: INFO and the gauges cover every node, and the key
 * sample covers every master.
 */
class ClusterNodesIntegrationTests {

	private static final List<Process> servers = new ArrayList<>();

	private static final List<Integer> ports = new ArrayList<>();

	private static LettuceConnectionFactory factory;

	@BeforeAll
	static void startCluster() throws Exception {
		assumeThat(onPath("redis-cli")).as("redis-server and redis-cli on PATH").isTrue();
		List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		for (int i = 0; i < 3; i++) {
			int port = freePort();
			Path dir = Files.createDirectories(Path.of("target", "devservices", "ops-cluster-" + port)).toAbsolutePath();
			servers.add(new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
					"--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(), "--dir",
					dir.toString(), "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("redis.log").toFile())
				.start());
			ports.add(port);
			create.add("127.0.0.1:" + port);
		}
		create.add("--cluster-yes");
		await().atMost(Duration.ofSeconds(20)).until(() -> ports.stream().allMatch(ClusterNodesIntegrationTests::pings));
		Process cluster = new ProcessBuilder(create).redirectErrorStream(true).start();
		String output = new String(cluster.getInputStream().readAllBytes());
		assertThat(cluster.waitFor()).as(output).isZero();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ports.stream().allMatch(port -> cli(port, "cluster", "info").contains("cluster_state:ok")));
		RedisClusterConfiguration configuration = new RedisClusterConfiguration(
				ports.stream().map(port -> "127.0.0.1:" + port).toList());
		factory = new LettuceConnectionFactory(configuration,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
		factory.afterPropertiesSet();
		factory.start();
	}

	@AfterAll
	static void stopCluster() {
		if (factory != null) {
			factory.destroy();
		}
		servers.forEach(Process::destroy);
	}

	@Test
	void infoAndGaugesCoverEveryNode() {
		RedisTarget target = new RedisTarget("state", factory);
		Map<String, Object> info = reports(target).part(RedisReports.Part.INFO);

		@SuppressWarnings("unchecked")
		Map<String, Object> nodes = (Map<String, Object>) info.get("state");
		assertThat(nodes.keySet()).containsExactlyInAnyOrderElementsOf(ports.stream().map(p -> "127.0.0.1:" + p).toList());
		assertThat(nodes.values()).allSatisfy(node -> assertThat(node).isInstanceOf(NodeInfo.class));

		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new InfoPoller(List.of(target), new RedisNodes(Duration.ofSeconds(5)), registry, Duration.ofHours(1)).poll();
		for (int port : ports) {
			assertThat(registry.get("storefront.redis.memory.used").tag("redis", "state")
				.tag("node", "127.0.0.1:" + port).gauge().value()).isPositive();
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

	private static boolean pings(int port) {
		return cli(port, "ping").contains("PONG");
	}

	private static String cli(int port, String... command) {
		List<String> args = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
		args.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor();
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
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

	// A cluster node also listens on port + 10000 (the cluster bus): both must be free.
	private static int freePort() {
		java.util.Random random = new java.util.Random();
		while (true) {
			int port = 20000 + random.nextInt(20000);
			if (bindable(port) && bindable(port + 10000)) {
				return port;
			}
		}
	}

	private static boolean bindable(int port) {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
