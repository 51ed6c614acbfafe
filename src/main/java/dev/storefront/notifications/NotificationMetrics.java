package dev.storefront.notifications;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the module: notifications created per type, deliveries dropped on a full lane, and the
 * open connections per kind.
 */
class NotificationMetrics {

	static final String CREATED = "storefront.notifications.created";

	static final String DROPPED = "storefront.notifications.dropped";

	static final String CONNECTIONS = "storefront.notifications.connections";

	private final MeterRegistry registry;

	private final Counter dropped;

	NotificationMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.dropped = Counter.builder(DROPPED)
			.description("Fan-out deliveries dropped because their lane was full")
			.register(registry);
	}

	void created(String type) {
		registry.counter(CREATED, "type", type).increment();
	}

	void dropped() {
		dropped.increment();
	}

	void connections(String kind, Supplier<Number> count) {
		Gauge.builder(CONNECTIONS, count).tag("kind", kind).description("Open realtime connections")
			.register(registry);
	}

}
