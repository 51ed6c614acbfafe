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
 */
@ConfigurationProperties("storefront.views")
record ViewProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration flushInterval,
		@DefaultValue("10000") int queueCapacity) {
}
