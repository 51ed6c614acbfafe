package dev.storefront.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Keeps requests from waiting on Redis command timeouts while Redis is down: after a few consecutive
 * failures the breaker opens and calls are skipped for a while; then a single probe is let through, and
 * its outcome closes the breaker or opens it again.
 */
final class RedisCircuitBreaker {

	private final int threshold;

	private final long openNanos;

	private final LongSupplier nanoTime;

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile long openUntil;

	private volatile boolean open;

	RedisCircuitBreaker(int threshold, Duration openFor) {
		this(threshold, openFor, System::nanoTime);
	}

	RedisCircuitBreaker(int threshold, Duration openFor, LongSupplier nanoTime) {
		this.threshold = Math.max(1, threshold);
		this.openNanos = openFor.toNanos();
		this.nanoTime = nanoTime;
	}

	/** Whether Redis may be called now; when half-open, only the one caller that gets the probe. */
	boolean tryCall() {
		if (!open) {
			return true;
		}
		if (nanoTime.getAsLong() - openUntil < 0) {
			return false;
		}
		return probing.compareAndSet(false, true);
	}

	void success() {
		failures.set(0);
		open = false;
		probing.set(false);
	}

	void failure() {
		if (failures.incrementAndGet() >= threshold || open) {
			openUntil = nanoTime.getAsLong() + openNanos;
			open = true;
			probing.set(false);
		}
	}

	boolean isOpen() {
		return open;
	}

	/** How long until the next probe; a sensible {@code Retry-After} for fail-closed policies. */
	Duration retryAfter() {
		long left = openUntil - nanoTime.getAsLong();
		return open && left > 0 ? Duration.ofNanos(left) : Duration.ofSeconds(1);
	}

}
