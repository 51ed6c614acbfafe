package dev.storefront.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox, the stream {@code sf:events} and its consumer groups. Public because the
 * catalog reads {@link #lowStockThreshold()} when it decides to publish {@code StockLow}.
 *
 * @param streamMaxLength the stream is trimmed to about this many entries, but never above the slowest
 * consumer group (unread and pending entries stay)
 * @param lowStockThreshold a product whose stock falls below this after a commit publishes {@code StockLow}
 * @param resubmitAfter incomplete publications older than this are sent again (Redis failed at commit)
 * @param resubmitInterval how often one instance looks for such publications
 * @param publishedTtl how long the outbox remembers that an event id is already on the stream, so a
 * resubmitted publication whose first XADD did land (the reply was lost) is not added twice
 * @param consumersEnabled whether this instance runs the consumer groups (off for tools and benches)
 * @param batchSize most entries one XREADGROUP or XAUTOCLAIM takes
 * @param block how long one XREADGROUP blocks waiting for entries; also bounds how long a stop waits
 * @param claimInterval how often each group runs XAUTOCLAIM over entries other consumers left pending
 * @param claimMinIdle entries pending for longer than this are reclaimed and processed again
 * @param maxDeliveries an entry delivered this many times without success goes to {@code sf:events:dlq}
 * @param consumerIdleRemoval consumers idle for longer than this (with nothing pending) are removed
 * @param handledTtl how long a group remembers an event id it handled (idempotency window)
 */
@ConfigurationProperties("storefront.events")
public record EventsProperties(@DefaultValue("100000") int streamMaxLength, @DefaultValue("5") int lowStockThreshold,
		@DefaultValue("30s") Duration resubmitAfter, @DefaultValue("15s") Duration resubmitInterval,
		@DefaultValue("1d") Duration publishedTtl, @DefaultValue("true") boolean consumersEnabled,
		@DefaultValue("100") int batchSize, @DefaultValue("2s") Duration block, @DefaultValue("5s") Duration claimInterval,
		@DefaultValue("30s") Duration claimMinIdle, @DefaultValue("5") int maxDeliveries,
		@DefaultValue("1h") Duration consumerIdleRemoval, @DefaultValue("7d") Duration handledTtl) {
}
