package dev.storefront.notifications;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the module: notifications created per type, deliveries dropped on a full lane, the
 * open connections per kind, handshakes refused at a cap, and connections the server closed (no CONNECT
 * in time, a client that stopped reading).
 */
class NotificationMetrics {

	static final String CREATED = "storefront.notifications.created";

	static final String DROPPED = "storefront.notifications.dropped";

	static final String CONNECTIONS = "storefront.notifications.connections";

	static final String REFUSED = "storefront.notifications.connections.refused";

	static final String CLOSED = "storefront.notifications.connections.closed";

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

	/** A handshake refused at a cap; {@code scope} is {@code address} or {@code user}. */
	void refused(String scope) {
		registry.counter(REFUSED, "scope", scope).increment();
	}

	/** A socket closed for not completing CONNECT in time. */
	void connectTimedOut() {
		registry.counter(CLOSED, "reason", "connect-timeout").increment();
	}

	/** A client dropped for not reading: its backlog passed the buffer, or a write passed the time limit. */
	void slowClientDropped(String kind) {
		registry.counter(CLOSED, "reason", "slow-client", "kind", kind).increment();
	}

	void connections(String kind, Supplier<Number> count) {
		Gauge.builder(CONNECTIONS, count).tag("kind", kind).description("Open realtime connections")
			.register(registry);
	}

}
