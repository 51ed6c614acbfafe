package dev.storefront.config;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Builds the one {@link CircuitBreakerRegistry} of Redis breakers from {@link RedisCircuitBreakerProperties}.
 * "N consecutive failures" is a count-based window of N calls that must all fail (failure rate 100%);
 * half-open lets exactly one probe through. A rate-based instance is the same window with a lower rate,
 * a minimum number of calls and more probes.
 */
public final class RedisCircuitBreakers {

	private RedisCircuitBreakers() {
	}

	/**
	 * A registry whose breakers use the shared settings, or their entry under {@code instances}. The
	 * breakers callers ask for by name ({@code registry.circuitBreaker(name)}) get the registry's
	 * default, so every configured instance is created here, with its own settings.
	 */
	public static CircuitBreakerRegistry registry(RedisCircuitBreakerProperties properties) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry
			.of(config(properties.failureThreshold(), properties.openFor()));
		properties.instances().forEach((name, instance) -> registry.circuitBreaker(name, config(properties, instance)));
		return registry;
	}

	/** The one breaker shape: open after {@code failureThreshold} consecutive failures, for {@code openFor}. */
	public static CircuitBreakerConfig config(int failureThreshold, Duration openFor) {
		return config(failureThreshold, openFor, 100, failureThreshold, 1);
	}

	private static CircuitBreakerConfig config(RedisCircuitBreakerProperties shared,
			RedisCircuitBreakerProperties.Instance instance) {
		int threshold = orElse(instance.failureThreshold(), shared.failureThreshold());
		int minimumCalls = orElse(instance.minimumCalls(), threshold);
		return config(orElse(instance.slidingWindow(), minimumCalls),
				instance.openFor() == null ? shared.openFor() : instance.openFor(),
				instance.failureRateThreshold() == null ? 100 : instance.failureRateThreshold(), minimumCalls,
				orElse(instance.probes(), 1));
	}

	private static CircuitBreakerConfig config(int slidingWindow, Duration openFor, float failureRateThreshold,
			int minimumCalls, int probes) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(Math.max(slidingWindow, minimumCalls))
			.minimumNumberOfCalls(minimumCalls)
			.failureRateThreshold(failureRateThreshold)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(probes)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.build();
	}

	private static int orElse(Integer value, int fallback) {
		return value == null ? fallback : value;
	}

}
