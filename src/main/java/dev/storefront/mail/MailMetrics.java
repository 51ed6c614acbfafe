package dev.storefront.mail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The mail meters: {@code storefront.mail.dropped{kind}} (welcome mails refused over the backlog
 * bound), {@code storefront.mail.failed{kind}} (mails that failed for good: alert on it) and the
 * {@code storefront.mail.backlog{queue}} gauges (mails waiting to be sent, as of the last refresh).
 */
class MailMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> backlogs = new ConcurrentHashMap<>();

	MailMetrics(MeterRegistry registry) {
		this.registry = registry;
		// Published at zero from the start: an alert on increase() and the dashboard need the series
		// before the first failure, not after it.
		for (MailJob.Kind kind : MailJob.Kind.values()) {
			registry.counter("storefront.mail.failed", "kind", kind.reason);
		}
		registry.counter("storefront.mail.dropped", "kind", MailJob.Kind.WELCOME.reason);
	}

	void dropped(MailJob.Kind kind) {
		registry.counter("storefront.mail.dropped", "kind", kind.reason).increment();
	}

	void failed(String kind) {
		registry.counter("storefront.mail.failed", "kind", kind).increment();
	}

	void backlog(String queue, long value) {
		backlogs.computeIfAbsent(queue, q -> {
			AtomicLong holder = new AtomicLong();
			Gauge.builder("storefront.mail.backlog", holder, AtomicLong::get)
				.tag("queue", q)
				.description("Mails waiting to be sent (waiting, prioritized, delayed), as of the last refresh")
				.register(registry);
			return holder;
		}).set(value);
	}

}
