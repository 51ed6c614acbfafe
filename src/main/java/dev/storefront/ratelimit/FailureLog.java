package dev.storefront.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs Redis failures of the rate limiter at most once per interval, with how many were suppressed, so
 * an outage does not flood the log with one line per request.
 */
final class FailureLog {

	private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

	private final long intervalNanos;

	private final AtomicLong nextLog = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong suppressed = new AtomicLong();

	FailureLog(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	void failed(String policy, boolean failOpen, RuntimeException cause) {
		long now = System.nanoTime();
		long next = nextLog.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !nextLog.compareAndSet(next, now + intervalNanos)) {
			suppressed.incrementAndGet();
			return;
		}
		log.warn("Rate limit policy {} could not reach Redis, request {} ({} similar failures not logged): {}", policy,
				failOpen ? "allowed" : "refused", suppressed.getAndSet(0),
				cause == null ? "circuit breaker open" : cause.toString());
	}

}
