package dev.storefront.locking;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Lock outcomes ({@code storefront.locks.acquire}, tags {@code kind} and {@code result}: acquired, busy,
 * unavailable) with the time spent waiting, and leases found lapsed at release
 * ({@code storefront.locks.lapsed}).
 */
@Component
class LockMetrics {

	private final MeterRegistry registry;

	LockMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void acquire(String resource, String result, Duration waited) {
		Timer.builder("storefront.locks.acquire")
			.description("Attempts to take a distributed lock, by outcome, with the time waited")
			.tag("kind", LockNames.kind(resource))
			.tag("result", result)
			.register(registry)
			.record(waited);
	}

	void lapsed(String resource) {
		Counter.builder("storefront.locks.lapsed")
			.description("Locks whose lease had expired before the holder released them")
			.tag("kind", LockNames.kind(resource))
			.register(registry)
			.increment();
	}

}
