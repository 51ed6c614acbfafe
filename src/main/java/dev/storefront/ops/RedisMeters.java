package dev.storefront.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The {@code storefront.redis.*} meters of each node, tagged {@code redis} (state or cache) and
 * {@code node}. Every meter reads the {@link InfoPoller}'s last INFO, never Redis itself. Evicted and
 * expired keys are cumulative in INFO, so they are function counters (Prometheus {@code _total}, for
 * {@code rate()}); the rest are gauges.
 */
final class RedisMeters {

	private final MeterRegistry registry;

	private final BiFunction<String, String, RedisInfo> latest;

	private final Set<String> tracked = ConcurrentHashMap.newKeySet();

	RedisMeters(MeterRegistry registry, BiFunction<String, String, RedisInfo> latest) {
		this.registry = registry;
		this.latest = latest;
	}

	/** Registers a node's meters the first time it is seen. */
	void track(String target, String node) {
		if (!tracked.add(target + "|" + node)) {
			return;
		}
		Tags tags = Tags.of("redis", target, "node", node);
		gauge("storefront.redis.memory.used", "Bytes allocated by Redis", "bytes", tags, target, node,
				info -> info.number("used_memory"));
		gauge("storefront.redis.memory.fragmentation", "RSS / used memory", null, tags, target, node,
				info -> info.number("mem_fragmentation_ratio"));
		gauge("storefront.redis.ops", "Commands per second (instantaneous)", null, tags, target, node,
				info -> info.number("instantaneous_ops_per_sec"));
		gauge("storefront.redis.keyspace.hit.ratio", "Keyspace hits / (hits + misses) since the server started",
				null, tags, target, node, RedisInfo::hitRatio);
		gauge("storefront.redis.clients.connected", "Client connections", null, tags, target, node,
				info -> info.number("connected_clients"));
		gauge("storefront.redis.clients.blocked", "Clients waiting in a blocking command", null, tags, target, node,
				info -> info.number("blocked_clients"));
		gauge("storefront.redis.replication.lag.bytes", "How far the furthest replica of a master is behind",
				"bytes", tags, target, node, RedisInfo::replicationLagBytes);
		counter("storefront.redis.evicted.keys", "Keys evicted by maxmemory-policy", tags, target, node,
				info -> info.number("evicted_keys"));
		counter("storefront.redis.expired.keys", "Keys removed because their TTL ran out", tags, target, node,
				info -> info.number("expired_keys"));
	}

	private void gauge(String name, String description, String unit, Tags tags, String target, String node,
			ToDoubleFunction<RedisInfo> value) {
		Gauge.builder(name, this, meters -> meters.read(target, node, value))
			.description(description)
			.baseUnit(unit)
			.tags(tags)
			.strongReference(true)
			.register(registry);
	}

	private void counter(String name, String description, Tags tags, String target, String node,
			ToDoubleFunction<RedisInfo> value) {
		FunctionCounter.builder(name, this, meters -> meters.read(target, node, value))
			.description(description)
			.tags(tags)
			.register(registry);
	}

	private double read(String target, String node, ToDoubleFunction<RedisInfo> value) {
		RedisInfo info = latest.apply(target, node);
		return info == null ? Double.NaN : value.applyAsDouble(info);
	}

}
