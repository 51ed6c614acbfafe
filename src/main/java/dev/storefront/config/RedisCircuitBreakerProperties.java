package dev.storefront.config;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breakers in front of Redis (cache, rate limits, session store): one shape for all of them.
 * A breaker opens after {@code failureThreshold} consecutive failures, skips Redis for {@code openFor},
 * then lets one probe through whose outcome closes or re-opens it. A named instance may instead open on
 * a failure rate over a window of recent calls (the session store does).
 *
 * @param failureThreshold consecutive failures that open a breaker
 * @param openFor how long an open breaker skips Redis before one probe is let through
 * @param instances overrides per breaker name ({@code cache}, {@code ratelimit.<policy>}, {@code session-store})
 */
@ConfigurationProperties("storefront.redis.circuit-breaker")
public record RedisCircuitBreakerProperties(@DefaultValue("3") int failureThreshold,
		@DefaultValue("2s") Duration openFor, @Nullable Map<String, Instance> instances) {

	public RedisCircuitBreakerProperties {
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("failure-threshold must be at least 1");
		}
		instances = instances == null ? Map.of() : Map.copyOf(instances);
	}

	/**
	 * The settings of one named breaker; an unset field takes the shared value. With only the first two
	 * set (or none) the breaker has the shared shape: {@code failureThreshold} consecutive failures open
	 * it, one probe closes it. The other four make it rate-based, for a breaker that must ride out a
	 * failure now and then.
	 *
	 * @param failureThreshold consecutive failures that open this breaker
	 * @param openFor how long this breaker stays open before probes; for the session store also the
	 * {@code Retry-After} of its 503
	 * @param failureRateThreshold percentage of failed calls in the window that opens this breaker
	 * (unset: 100, every call in the window failed)
	 * @param minimumCalls calls in the window before the failure rate counts (unset: {@code failureThreshold})
	 * @param slidingWindow how many recent calls the failure rate is taken over, at least {@code minimumCalls}
	 * (unset: {@code minimumCalls})
	 * @param probes calls let through while half-open; all must succeed to close the breaker (unset: 1)
	 */
	public record Instance(@Nullable Integer failureThreshold, @Nullable Duration openFor,
			@Nullable Float failureRateThreshold, @Nullable Integer minimumCalls, @Nullable Integer slidingWindow,
			@Nullable Integer probes) {

		public Instance {
			if (failureRateThreshold != null && (failureRateThreshold <= 0 || failureRateThreshold > 100)) {
				throw new IllegalArgumentException("failure-rate-threshold must be above 0 and at most 100");
			}
			if (failureThreshold != null && failureThreshold < 1 || minimumCalls != null && minimumCalls < 1
					|| slidingWindow != null && slidingWindow < 1 || probes != null && probes < 1) {
				throw new IllegalArgumentException(
						"failure-threshold, minimum-calls, sliding-window and probes must be at least 1");
			}
		}

		/** An instance of the shared shape with its own threshold and open time. */
		public static Instance consecutive(@Nullable Integer failureThreshold, @Nullable Duration openFor) {
			return new Instance(failureThreshold, openFor, null, null, null, null);
		}

	}

}
