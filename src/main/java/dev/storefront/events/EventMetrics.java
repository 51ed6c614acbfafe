package dev.storefront.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Meters of the events module: {@code storefront.events.published}, {@code .consumed{group,result}},
 * {@code .reclaimed{group}}, {@code .dead-lettered{group}} and the gauge {@code .lag{group}} (entries
 * not yet delivered to the group, as XINFO GROUPS reports it) and {@code .pending{group}} (delivered, not yet
 * acknowledged), both from the same XINFO GROUPS call.
 */
@Component
class EventMetrics {

	private final MeterRegistry registry;

	private final Counter published;

	private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

	EventMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.published = Counter.builder("storefront.events.published")
			.description("Domain events added to sf:events")
			.register(registry);
	}

	void published() {
		published.increment();
	}

	/** @param result {@code success}, {@code duplicate}, {@code error} or {@code dead-lettered} */
	void consumed(String group, String result, int count) {
		if (count > 0) {
			registry.counter("storefront.events.consumed", "group", group, "result", result).increment(count);
		}
	}

	void reclaimed(String group, int count) {
		if (count > 0) {
			registry.counter("storefront.events.reclaimed", "group", group).increment(count);
		}
	}

	void deadLettered(String group) {
		registry.counter("storefront.events.dead-lettered", "group", group).increment();
	}

	void lag(String group, long lag) {
		lags.computeIfAbsent(group, g -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("storefront.events.lag", value, AtomicLong::get)
				.description("Entries of sf:events not yet delivered to the group")
				.tag("group", g)
				.register(registry);
			return value;
		}).set(lag);
	}

	void pending(String group, long entries) {
		pending.computeIfAbsent(group, g -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("storefront.events.pending", value, AtomicLong::get)
				.description("Entries of sf:events delivered to the group and not yet acknowledged")
				.tag("group", g)
				.register(registry);
			return value;
		}).set(entries);
	}

}
