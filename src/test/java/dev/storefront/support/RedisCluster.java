package dev.storefront.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of 3 masters and 3 replicas on loopback ports, built from the {@code redis-server} and
 * {@code redis-cli} binaries ({@code redis-cli --cluster create}). Keyspace notifications are on in every
 * node's config, as the production conf files have them. {@link #shared()} is started once per JVM.
 */
public final class RedisCluster implements AutoCloseable {

	/** The {@code notify-keyspace-events} each node starts with. */
	public static final String CONF_KEYSPACE_EVENTS = "Kd";

	private final List<RedisProcess> nodes;

	private RedisCluster(List<RedisProcess> nodes) {
		this.nodes = nodes;
	}

	public static RedisCluster start() {
		List<RedisProcess> nodes = new ArrayList<>();
		// Not the Egx that sessions and pre-warm need: the app must add those on every node itself, and
		// keep what the conf set (ClusterSessionExpiryIntegrationTests checks both).
		for (int i = 0; i < 6; i++) {
			int port = RedisProcess.freePort();
			nodes.add(RedisProcess.start("cluster", port, List.of("port " + port, "cluster-enabled yes",
					"cluster-config-file nodes.conf", "cluster-node-timeout 3000", "notify-keyspace-events " + CONF_KEYSPACE_EVENTS),
					false));
		}
		List<String> create = new ArrayList<>(List.of("--cluster", "create"));
		nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
		create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		RedisProcess.cli(create.toArray(String[]::new));
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> nodes.stream()
			.allMatch(node -> RedisProcess.cli("-p", String.valueOf(node.port()), "cluster", "info")
				.contains("cluster_state:ok")));
		return new RedisCluster(nodes);
	}

	/** The Cluster shared by the tests of this JVM, started on first use. */
	public static RedisCluster shared() {
		return Shared.INSTANCE;
	}

	/** {@code host:port} of every node, for {@code spring.data.redis.cluster.nodes}. */
	public List<String> nodes() {
		return nodes.stream().map(node -> "127.0.0.1:" + node.port()).toList();
	}

	/** The port of every node, masters and replicas. */
	public List<Integer> ports() {
		return nodes.stream().map(RedisProcess::port).toList();
	}

	@Override
	public void close() {
		nodes.forEach(RedisProcess::close);
	}

	private static final class Shared {

		static final RedisCluster INSTANCE = start();

	}

}
