package dev.storefront.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker in front of every Redis call of the cache. A failure becomes the caller's
 * fallback (a miss), never an exception. After {@code failureThreshold} consecutive failures Redis is
 * skipped for {@code openFor}; then a single probe decides. Recovery runs {@code onRecovery}: L1 may
 * have missed invalidations meanwhile.
 */
final class RedisGuard {

	private static final Logger log = LoggerFactory.getLogger(RedisGuard.class);

	private final int threshold;

	private final long openForMillis;

	private final MeterRegistry meters;

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile long openUntil;

	private volatile boolean open;

	private volatile Runnable onRecovery = () -> {
	};

	RedisGuard(int threshold, Duration openFor, MeterRegistry meters) {
		this.threshold = threshold;
		this.openForMillis = openFor.toMillis();
		this.meters = meters;
	}

	void onRecovery(Runnable action) {
		this.onRecovery = action;
	}

	/** Whether calls currently go to Redis (closed, or a probe is due). */
	boolean available() {
		return !open || System.currentTimeMillis() >= openUntil;
	}

	boolean isOpen() {
		return open;
	}

	<T> T call(String cache, String op, Supplier<T> action, T fallback) {
		boolean probe = false;
		if (open) {
			if (System.currentTimeMillis() < openUntil || !probing.compareAndSet(false, true)) {
				return fallback;
			}
			probe = true;
		}
		try {
			T result = action.get();
			succeeded();
			return result;
		}
		catch (RuntimeException ex) {
			failed(cache, op, ex);
			return fallback;
		}
		finally {
			if (probe) {
				probing.set(false);
			}
		}
	}

	void run(String cache, String op, Runnable action) {
		call(cache, op, () -> {
			action.run();
			return null;
		}, null);
	}

	private void succeeded() {
		failures.set(0);
		if (open) {
			open = false;
			log.info("Redis is back; cache circuit closed, clearing L1");
			onRecovery.run();
		}
	}

	private void failed(String cache, String op, RuntimeException ex) {
		meters.counter("storefront.cache.errors", "cache", cache, "op", op).increment();
		if (failures.incrementAndGet() >= threshold) {
			if (!open) {
				log.warn("Redis failing ({}); cache circuit open for {} ms", ex.toString(), openForMillis);
			}
			open = true;
			openUntil = System.currentTimeMillis() + openForMillis;
		}
		else {
			log.debug("Redis {} failed for cache {}: {}", op, cache, ex.toString());
		}
	}

}
