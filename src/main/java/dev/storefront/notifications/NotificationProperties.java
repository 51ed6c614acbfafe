package dev.storefront.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings.
 *
 * @param historyLength approximate number of notifications kept per user ({@code XADD MAXLEN ~})
 * @param historyTtl how long a user's notification stream lives after its last notification
 * @param pageSize the most notifications one {@code GET /api/notifications} or one SSE replay returns
 * @param heartbeat how often an open SSE stream gets a comment line, so proxies keep it open and a gone
 * client is noticed
 * @param sseTimeout how long one SSE response stays open; the client reconnects with {@code Last-Event-ID}
 * @param deliveryThreads threads that push fanned-out notifications to local connections; one audience
 * always lands on the same thread, so its notifications keep their order
 * @param deliveryQueue pending deliveries per thread; beyond it a delivery is dropped (and counted) rather
 * than held on the pub/sub connection, the client catches up by id
 * @param retryAfter the {@code Retry-After} of a 503 when Redis is unavailable
 * @param userChannels on a Redis Cluster, how many sharded channels ({@code SSUBSCRIBE}) carry users'
 * notifications, by user id modulo this; every instance subscribes to all of them (decision 0090)
 */
@ConfigurationProperties("storefront.notifications")
record NotificationProperties(@DefaultValue("100") int historyLength, @DefaultValue("7d") Duration historyTtl,
		@DefaultValue("100") int pageSize, @DefaultValue("15s") Duration heartbeat,
		@DefaultValue("30m") Duration sseTimeout, @DefaultValue("4") int deliveryThreads,
		@DefaultValue("10000") int deliveryQueue, @DefaultValue("5s") Duration retryAfter,
		@DefaultValue("16") int userChannels) {
}
