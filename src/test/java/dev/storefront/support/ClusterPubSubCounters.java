package dev.storefront.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Per-node pub/sub counters of the shared {@link RedisCluster}: how many classic ({@code publish}) and sharded
 * ({@code publishshard}) messages each node received over the cluster bus ({@code CLUSTER INFO}), and how many
 * {@code PUBLISH}/{@code SPUBLISH} commands clients sent it ({@code INFO commandstats}).
 *
 * @param busPublish classic messages received over the bus, by port
 * @param busShard sharded messages received over the bus, by port
 * @param publishCalls {@code PUBLISH} commands, by port
 * @param spublishCalls {@code SPUBLISH} commands, by port
 */
public record ClusterPubSubCounters(Map<Integer, Long> busPublish, Map<Integer, Long> busShard,
		Map<Integer, Long> publishCalls, Map<Integer, Long> spublishCalls) {

	// One connection per node for the JVM: a reading is 12 commands, polled (redis-cli would fork 12 processes).
	private static final RedisClient CLIENT = RedisClient.create();

	private static final Map<Integer, RedisCommands<String, String>> NODES = new ConcurrentHashMap<>();

	/** Reads every node now. */
	public static ClusterPubSubCounters read() {
		Map<Integer, Long> busPublish = new LinkedHashMap<>();
		Map<Integer, Long> busShard = new LinkedHashMap<>();
		Map<Integer, Long> publish = new LinkedHashMap<>();
		Map<Integer, Long> spublish = new LinkedHashMap<>();
		for (int port : RedisCluster.shared().ports()) {
			RedisCommands<String, String> node = NODES.computeIfAbsent(port,
					p -> CLIENT.connect(RedisURI.create("127.0.0.1", p)).sync());
			String info = node.clusterInfo();
			String stats = node.info("commandstats");
			busPublish.put(port, number(info, "cluster_stats_messages_publish_received:(\\d+)"));
			busShard.put(port, number(info, "cluster_stats_messages_publishshard_received:(\\d+)"));
			publish.put(port, number(stats, "cmdstat_publish:calls=(\\d+)"));
			spublish.put(port, number(stats, "cmdstat_spublish:calls=(\\d+)"));
		}
		return new ClusterPubSubCounters(busPublish, busShard, publish, spublish);
	}

	/** What happened between {@code before} and this reading. */
	public ClusterPubSubCounters minus(ClusterPubSubCounters before) {
		return new ClusterPubSubCounters(minus(busPublish, before.busPublish), minus(busShard, before.busShard),
				minus(publishCalls, before.publishCalls), minus(spublishCalls, before.spublishCalls));
	}

	public long total(Map<Integer, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private static Map<Integer, Long> minus(Map<Integer, Long> after, Map<Integer, Long> before) {
		Map<Integer, Long> delta = new LinkedHashMap<>();
		after.forEach((port, count) -> delta.put(port, count - before.getOrDefault(port, 0L)));
		return delta;
	}

	// Redis leaves a counter out until it is non-zero.
	private static long number(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

}
