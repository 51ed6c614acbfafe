package dev.storefront.cache;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Redis call of the cache goes through the shared Resilience4j breaker named {@code cache}: a
 * failure, or a call skipped while the breaker is open, becomes the caller's fallback (a miss), never
 * an exception. When the breaker closes again {@code onRecovery} runs: L1 may have missed invalidations
 * and failed ones are replayed.
 */
final class RedisGuard {

	private static final Logger log = LoggerFactory.getLogger(RedisGuard.class);

	private final CircuitBreaker breaker;

	private final MeterRegistry meters;

	private volatile Runnable onRecovery = () -> {
	};

	RedisGuard(CircuitBreaker breaker, MeterRegistry meters) {
		this.breaker = breaker;
		this.meters = meters;
		breaker.getEventPublisher().onStateTransition(event -> {
			switch (event.getStateTransition().getToState()) {
				case OPEN -> log.warn("Redis failing; cache circuit open");
				case CLOSED -> {
					log.info("Redis is back; cache circuit closed, clearing L1");
					onRecovery.run();
				}
				default -> {
				}
			}
		});
	}

	void onRecovery(Runnable action) {
		this.onRecovery = action;
	}

	/** Whether the breaker currently skips (or probes) Redis. */
	boolean isOpen() {
		return breaker.getState() != CircuitBreaker.State.CLOSED;
	}

	/** The result of {@code action}, or {@code fallback} if Redis failed or the breaker skipped the call. */
	<T> T call(String cache, String op, Supplier<T> action, T fallback) {
		if (!breaker.tryAcquirePermission()) {
			return fallback;
		}
		long started = System.nanoTime();
		try {
			T result = action.get();
			breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (RuntimeException ex) {
			breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			meters.counter("storefront.cache.errors", "cache", cache, "op", op).increment();
			log.debug("Redis {} failed for cache {}: {}", op, cache, ex.toString());
			return fallback;
		}
		catch (Error ex) {
			// Record it anyway: an unrecorded half-open probe would keep the breaker half-open for good.
			breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			throw ex;
		}
	}

	/** Runs {@code action}; false if Redis failed or the breaker skipped it. */
	boolean run(String cache, String op, Runnable action) {
		return call(cache, op, () -> {
			action.run();
			return Boolean.TRUE;
		}, Boolean.FALSE);
	}

}
