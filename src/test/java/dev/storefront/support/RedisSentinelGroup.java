package dev.storefront.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A Sentinel group: one master, one replica and three sentinels (quorum 2) on loopback ports, from the
 * {@code redis-server} binary. The data nodes require {@link #PASSWORD}; sentinels detect a dead master
 * after 2 s.
 */
public final class RedisSentinelGroup implements AutoCloseable {

	public static final String MASTER = "sf-master";

	public static final String PASSWORD = "sentinel-group-secret";

	private final List<RedisProcess> data;

	private final List<RedisProcess> sentinels;

	private RedisSentinelGroup(List<RedisProcess> data, List<RedisProcess> sentinels) {
		this.data = data;
		this.sentinels = sentinels;
	}

	public static RedisSentinelGroup start() {
		int masterPort = RedisProcess.freePort();
		List<String> auth = List.of("requirepass " + PASSWORD, "masterauth " + PASSWORD,
				"notify-keyspace-events Egx", "repl-diskless-sync yes", "repl-diskless-sync-delay 0");
		List<RedisProcess> data = new ArrayList<>();
		data.add(RedisProcess.start("sentinel-data", masterPort, concat(auth, "port " + masterPort), false));
		int replicaPort = RedisProcess.freePort();
		data.add(RedisProcess.start("sentinel-data", replicaPort,
				concat(auth, "port " + replicaPort, "replicaof 127.0.0.1 " + masterPort), false));
		List<RedisProcess> sentinels = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int port = RedisProcess.freePort();
			sentinels.add(RedisProcess.start("sentinel", port, List.of("port " + port,
					"sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " 2",
					"sentinel auth-pass " + MASTER + " " + PASSWORD,
					"sentinel down-after-milliseconds " + MASTER + " 2000",
					"sentinel failover-timeout " + MASTER + " 10000",
					"sentinel parallel-syncs " + MASTER + " 1"), true));
		}
		RedisSentinelGroup group = new RedisSentinelGroup(data, sentinels);
		// Ready when every sentinel sees the replica and the other two sentinels.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> sentinels.stream()
			.allMatch(sentinel -> {
				String master = RedisProcess.cli("-p", String.valueOf(sentinel.port()), "sentinel", "master", MASTER);
				return master.contains("num-slaves\n1\n") && master.contains("num-other-sentinels\n2\n");
			}));
		return group;
	}

	private static List<String> concat(List<String> first, String... more) {
		List<String> all = new ArrayList<>(first);
		all.addAll(List.of(more));
		return all;
	}

	/** {@code host:port} of the sentinels, for {@code spring.data.redis.sentinel.nodes}. */
	public List<String> sentinels() {
		return sentinels.stream().map(sentinel -> "127.0.0.1:" + sentinel.port()).toList();
	}

	/** The port the sentinels currently report as master. */
	public int masterPort() {
		String reply = RedisProcess.cli("-p", String.valueOf(sentinels.get(0).port()), "sentinel",
				"get-master-addr-by-name", MASTER);
		return Integer.parseInt(reply.strip().split("\\s+")[1]);
	}

	/** The data node process currently master. */
	public RedisProcess master() {
		int port = masterPort();
		return data.stream().filter(node -> node.port() == port).findFirst().orElseThrow();
	}

	/** Asks a sentinel to fail over now (no agreement needed). */
	public void failover() {
		RedisProcess.cli("-p", String.valueOf(sentinels.get(0).port()), "sentinel", "failover", MASTER);
	}

	/** Waits until every sentinel reports a master other than {@code oldPort}. */
	public void awaitNewMaster(int oldPort, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> sentinels.stream()
			.allMatch(sentinel -> !RedisProcess.cli("-p", String.valueOf(sentinel.port()), "sentinel",
					"get-master-addr-by-name", MASTER).contains(String.valueOf(oldPort))));
	}

	@Override
	public void close() {
		sentinels.forEach(RedisProcess::close);
		data.forEach(RedisProcess::close);
	}

}
