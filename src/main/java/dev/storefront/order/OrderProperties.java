package dev.storefront.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much stock unpaid orders may hold, and for how long.
 *
 * @param pendingTtl a PENDING order older than this is cancelled with reason {@code expired} and its stock
 * returned
 * @param maxPendingPerUser the most PENDING orders one user may hold; the next placement gets 409
 * {@code too-many-pending-orders}
 * @param maxQuantityPerLine the most units of one product per order line; more gets 400
 * {@code quantity-too-large}
 * @param sweepInterval how often each instance looks for expired orders (one instance sweeps at a time)
 * @param sweepBatch orders expired per transaction
 */
@ConfigurationProperties("storefront.orders")
record OrderProperties(@DefaultValue("30m") Duration pendingTtl, @DefaultValue("5") int maxPendingPerUser,
		@DefaultValue("50") int maxQuantityPerLine, @DefaultValue("1m") Duration sweepInterval,
		@DefaultValue("100") int sweepBatch) {
}
