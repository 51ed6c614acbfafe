package dev.storefront.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention of every analytics key, and query limits. Every key gets a TTL from here.
 *
 * @param bestsellerRetention how long a week's ranking is kept after its last sale (about 8 weeks)
 * @param uniqueVisitorRetention how long a product's daily visitor estimate is kept; also the longest
 * range that {@code /visitors} accepts
 * @param activeUserRetention how long a daily active-user bitmap is kept; also the longest range that
 * {@code /active-users} accepts
 * @param combinedResultTtl how long the BITOP result of a range query lingers before Redis drops it
 * @param recentlyViewedSize how many products a user's recently viewed list keeps
 * @param recentlyViewedTtl how long a recently viewed list lives after the user's last product view
 * @param queueCapacity records (visits, recent views, active marks) waiting to be written; beyond it they
 * are dropped and counted in {@code storefront.analytics.dropped}
 * @param batchSize the most records written in one pipeline
 */
@ConfigurationProperties("storefront.analytics")
record AnalyticsProperties(@DefaultValue("56d") Duration bestsellerRetention,
		@DefaultValue("35d") Duration uniqueVisitorRetention, @DefaultValue("35d") Duration activeUserRetention,
		@DefaultValue("10s") Duration combinedResultTtl, @DefaultValue("50") int recentlyViewedSize,
		@DefaultValue("30d") Duration recentlyViewedTtl, @DefaultValue("10000") int queueCapacity,
		@DefaultValue("500") int batchSize) {
}
