package dev.storefront.user;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
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
 * Decides whether the session store is usable: a Resilience4j breaker ({@code session-store}) over every
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

	SessionStoreBreaker(CircuitBreakerRegistry breakers, SessionStoreProperties properties, MeterRegistry meters) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.failureRateThreshold(properties.failureRateThreshold())
			.minimumNumberOfCalls(properties.minimumCalls())
			.slidingWindowSize(Math.max(properties.slidingWindow(), properties.minimumCalls()))
			.waitDurationInOpenState(properties.openFor())
			.permittedNumberOfCallsInHalfOpenState(properties.probes())
			.recordException(StoreFailures::isUnavailable)
			.build();
		this.breaker = breakers.circuitBreaker(NAME, config);
		this.openFor = properties.openFor();
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
		try {
			return breaker.executeSupplier(storeCall);
		}
		catch (CallNotPermittedException ex) {
			throw new RedisConnectionFailureException("Session store circuit breaker is open", ex);
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
