package dev.storefront.user;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.stereotype.Component;

import dev.storefront.web.StoreFailures;

/**
 * Decides whether the session store is usable: the {@code session-store} breaker of the shared Redis
 * registry (settings {@code storefront.redis.circuit-breaker.instances.session-store}) over every
 * session repository call. Only store failures (connection loss, timeouts) count; while it is open, calls
 * fail at once instead of each waiting for the command timeout. {@code storefront.session.store.degraded}
 * is 1 while the breaker is not closed.
 */
@Component
class SessionStoreBreaker {

	static final String NAME = "session-store";

	private static final Logger log = LoggerFactory.getLogger(SessionStoreBreaker.class);

	private final CircuitBreaker breaker;

	private final Duration openFor;

	private final Counter degradedRequests;

	SessionStoreBreaker(CircuitBreakerRegistry breakers, MeterRegistry meters) {
		this.breaker = breakers.circuitBreaker(NAME);
		this.openFor = Duration
			.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
		this.breaker.getEventPublisher()
			.onStateTransition(event -> log.warn("Session store breaker {}", event.getStateTransition()));
		Gauge.builder("storefront.session.store.degraded", breaker, SessionStoreBreaker::degradedValue)
			.description("1 while the session store's circuit breaker is not closed (signed-in requests degrade)")
			.register(meters);
		this.degradedRequests = Counter.builder("storefront.session.degraded.requests")
			.description("Requests with a session served as anonymous because the session store was unavailable")
			.register(meters);
	}

	/**
	 * Runs one session-store call through the breaker. An open breaker surfaces as a
	 * {@link RedisConnectionFailureException}, so that everything that already treats store failures
	 * as 503 (or as degraded) treats it the same way.
	 */
	<T> T call(Supplier<T> storeCall) {
		if (!breaker.tryAcquirePermission()) {
			throw new RedisConnectionFailureException("Session store circuit breaker is open",
					CallNotPermittedException.createCallNotPermittedException(breaker));
		}
		long started = System.nanoTime();
		try {
			T result = storeCall.get();
			breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (Throwable ex) {
			// Only store failures count: a bug or a bad session must not open the breaker. Anything else
			// is a success, as recordException(StoreFailures::isUnavailable) had it (decision 0120).
			if (StoreFailures.isUnavailable(ex)) {
				breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			}
			else {
				breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			}
			throw ex;
		}
	}

	void run(Runnable storeCall) {
		call(() -> {
			storeCall.run();
			return null;
		});
	}

	/** Whether the store currently counts as unavailable. */
	boolean degraded() {
		return degradedValue(breaker) == 1;
	}

	/** How long a client should wait before retrying: the breaker's open time. */
	Duration retryAfter() {
		return openFor;
	}

	void servedDegraded() {
		degradedRequests.increment();
	}

	private static double degradedValue(CircuitBreaker breaker) {
		return breaker.getState() == CircuitBreaker.State.CLOSED ? 0 : 1;
	}

}
