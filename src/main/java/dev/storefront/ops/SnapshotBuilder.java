package dev.storefront.ops;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.storefront.ops.OpsSnapshot.CacheFigures;
import dev.storefront.ops.OpsSnapshot.GroupFigures;
import dev.storefront.ops.OpsSnapshot.OrderFigures;
import dev.storefront.ops.OpsSnapshot.QueueFigures;
import dev.storefront.ops.OpsSnapshot.RealtimeFigures;
import dev.storefront.ops.OpsSnapshot.RedisNodeFigures;

/**
 * Builds an {@link OpsSnapshot} from what the modules already publish: their Micrometer meters (read by
 * name and tag, so no module is imported), the breaker registry and the INFO poller's last replies.
 * Nothing here calls Redis or the database: a snapshot costs the same however busy the keyspace is.
 */
final class SnapshotBuilder {

	private final MeterRegistry meters;

	private final BreakerStates breakers;

	private final InfoPoller info;

	private final Clock clock;

	SnapshotBuilder(MeterRegistry meters, BreakerStates breakers, InfoPoller info, Clock clock) {
		this.meters = meters;
		this.breakers = breakers;
		this.info = info;
		this.clock = clock;
	}

	OpsSnapshot build() {
		return new OpsSnapshot(clock.instant(), caches(), redis(), breakers.all(),
				counts("storefront.ratelimit.requests", "policy", "result"), queues(), streams(), realtime(),
				new OrderFigures(total("storefront.orders.expired", null, null)));
	}

	private List<CacheFigures> caches() {
		List<CacheFigures> caches = new ArrayList<>();
		for (String cache : names("storefront.cache.gets", "cache")) {
			long l1Hits = count("storefront.cache.gets", "cache", cache, "level", "l1", "result", "hit");
			long l1Misses = count("storefront.cache.gets", "cache", cache, "level", "l1", "result", "miss");
			long l2Hits = count("storefront.cache.gets", "cache", cache, "level", "l2", "result", "hit");
			long l2Misses = count("storefront.cache.gets", "cache", cache, "level", "l2", "result", "miss");
			long requests = l1Hits + l1Misses;
			caches.add(new CacheFigures(cache, l1Hits, l1Misses, l2Hits, l2Misses,
					requests == 0 ? null : (double) (l1Hits + l2Hits) / requests,
					total("storefront.cache.loads", "cache", cache),
					count("storefront.cache.loads", "cache", cache, "result", "failure"),
					total("storefront.cache.stale.served", "cache", cache),
					count("storefront.cache.refreshes", "cache", cache, "result", "success"),
					total("storefront.cache.evictions", "cache", cache), total("storefront.cache.errors", "cache", cache)));
		}
		return caches;
	}

	private List<RedisNodeFigures> redis() {
		List<RedisNodeFigures> nodes = new ArrayList<>();
		info.all().forEach((redis, byNode) -> new TreeMap<>(byNode).forEach((node, reply) -> nodes
			.add(new RedisNodeFigures(redis, node, reply.text("role"), value(reply.number("used_memory")),
					value(reply.number("maxmemory")), value(reply.number("instantaneous_ops_per_sec")),
					value(reply.hitRatio()), value(reply.number("connected_clients")),
					value(reply.number("evicted_keys")), value(reply.replicationLagBytes())))));
		return nodes;
	}

	private List<QueueFigures> queues() {
		Map<String, Map<String, Long>> counts = gauges("storefront.jobs.count", "queue", "state");
		TreeSet<String> names = new TreeSet<>(counts.keySet());
		names.addAll(names("storefront.jobs.added", "queue"));
		return names.stream()
			.map(queue -> new QueueFigures(queue, counts.getOrDefault(queue, Map.of()),
					total("storefront.jobs.added", "queue", queue), total("storefront.jobs.completed", "queue", queue),
					total("storefront.jobs.failed", "queue", queue)))
			.toList();
	}

	private List<GroupFigures> streams() {
		Map<String, Map<String, Long>> lag = gauges("storefront.events.lag", "group", null);
		Map<String, Map<String, Long>> pending = gauges("storefront.events.pending", "group", null);
		TreeSet<String> groups = new TreeSet<>(lag.keySet());
		groups.addAll(names("storefront.events.consumed", "group"));
		return groups.stream()
			.map(group -> new GroupFigures(group, only(lag.get(group)), only(pending.get(group)),
					total("storefront.events.consumed", "group", group),
					total("storefront.events.reclaimed", "group", group),
					total("storefront.events.dead-lettered", "group", group)))
			.toList();
	}

	private RealtimeFigures realtime() {
		Map<String, Long> connections = new TreeMap<>();
		gauges("storefront.notifications.connections", "kind", null).forEach((kind, v) -> connections.put(kind, only(v)));
		Map<String, Long> notifications = new TreeMap<>();
		counts("storefront.notifications.created", "type", null).forEach((type, v) -> notifications.put(type, only(v)));
		return new RealtimeFigures(connections, notifications, total("storefront.notifications.dropped", null, null),
				total("storefront.notifications.connections.refused", null, null),
				total("storefront.notifications.connections.closed", null, null));
	}

	/** Counter totals grouped by one tag, and by a second one when given (else under "total"). */
	private Map<String, Map<String, Long>> counts(String name, String by, String then) {
		Map<String, Map<String, Long>> grouped = new TreeMap<>();
		for (Counter counter : meters.find(name).counters()) {
			add(grouped, counter.getId(), by, then, (long) counter.count());
		}
		return grouped;
	}

	private Map<String, Map<String, Long>> gauges(String name, String by, String then) {
		Map<String, Map<String, Long>> grouped = new TreeMap<>();
		for (Gauge gauge : meters.find(name).gauges()) {
			double value = gauge.value();
			if (!Double.isNaN(value)) {
				add(grouped, gauge.getId(), by, then, (long) value);
			}
		}
		return grouped;
	}

	private static void add(Map<String, Map<String, Long>> grouped, Meter.Id id, String by, String then, long value) {
		String first = id.getTag(by);
		String second = then == null ? "total" : id.getTag(then);
		if (first != null && second != null) {
			grouped.computeIfAbsent(first, k -> new TreeMap<>()).merge(second, value, Long::sum);
		}
	}

	private TreeSet<String> names(String name, String tag) {
		TreeSet<String> names = new TreeSet<>();
		meters.find(name).meters().forEach(meter -> {
			String value = meter.getId().getTag(tag);
			if (value != null) {
				names.add(value);
			}
		});
		return names;
	}

	/** The sum of a counter's series, optionally only those with one tag value. */
	private long total(String name, String tag, String value) {
		var search = tag == null ? meters.find(name) : meters.find(name).tag(tag, value);
		return (long) search.counters().stream().mapToDouble(Counter::count).sum();
	}

	private long count(String name, String... tags) {
		return (long) meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static Long only(Map<String, Long> values) {
		return values == null ? null : values.values().stream().mapToLong(Long::longValue).sum();
	}

	private static Double value(double number) {
		return Double.isNaN(number) ? null : number;
	}

}
