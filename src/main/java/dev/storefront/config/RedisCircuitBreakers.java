package dev.storefront.config;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Builds the one {@link CircuitBreakerRegistry} of Redis breakers from {@link RedisCircuitBreakerProperties}.
 * "N consecutive failures" is a count-based window of N calls that must all fail (failure rate 100%);
 * half-open lets exactly one probe through.
 */
public final class RedisCircuitBreakers {

	private RedisCircuitBreakers() {
	}

	/** A registry whose breakers use the shared settings, or their entry under {@code instances}. */
	public static CircuitBreakerRegistry registry(RedisCircuitBreakerProperties properties) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry
			.of(config(properties.failureThreshold(), properties.openFor()));
		properties.instances().forEach((name, instance) -> {
			int threshold = instance.failureThreshold() == null ? properties.failureThreshold()
					: instance.failureThreshold();
			Duration openFor = instance.openFor() == null ? properties.openFor() : instance.openFor();
			registry.circuitBreaker(name, config(threshold, openFor));
		});
		return registry;
	}

	/** The one breaker shape: open after {@code failureThreshold} consecutive failures, for {@code openFor}. */
	public static CircuitBreakerConfig config(int failureThreshold, Duration openFor) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(failureThreshold)
			.minimumNumberOfCalls(failureThreshold)
			.failureRateThreshold(100)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.build();
	}

}
