package dev.storefront.config;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breakers in front of Redis (cache, rate limits, session store): one shape for all of them.
 * A breaker opens after {@code failureThreshold} consecutive failures, skips Redis for {@code openFor},
 * then lets one probe through whose outcome closes or re-opens it.
 *
 * @param failureThreshold consecutive failures that open a breaker
 * @param openFor how long an open breaker skips Redis before one probe is let through
 * @param instances overrides per breaker name ({@code cache}, {@code ratelimit.<policy>}, {@code session})
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
	 * The settings of one named breaker; an unset field takes the shared value.
	 *
	 * @param failureThreshold consecutive failures that open this breaker
	 * @param openFor how long this breaker stays open before a probe
	 */
	public record Instance(@Nullable Integer failureThreshold, @Nullable Duration openFor) {
	}

}
