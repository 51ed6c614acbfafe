package dev.storefront.views;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * View counter settings.
 *
 * @param enabled count views at all
 * @param flushInterval how often one instance moves the counts from Redis into PostgreSQL
 * @param queueCapacity views waiting to be sent to Redis; beyond it views are dropped and counted
 * @param recoveryInterval how often a flush also SCANs for counters that no dirty set names (after a
 * crash or a failed batch); the first flush of an instance always does
 */
@ConfigurationProperties("storefront.views")
record ViewProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration flushInterval,
		@DefaultValue("10000") int queueCapacity, @DefaultValue("1m") Duration recoveryInterval) {
}
