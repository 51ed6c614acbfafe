package dev.storefront.events;

/**
 * A consumer group on the stream {@code sf:events}. Every bean of this type gets its own group,
 * named {@link #group()}, read by a lifecycle-managed loop that acks an entry only after
 * {@link #handle} returns. Handlers must be idempotent: an entry can be delivered again after a
 * crash or a reclaim; the events module skips an {@code eventId} the group has already handled.
 */
public interface StreamEventHandler {

	/** The consumer group's name, e.g. {@code notifications}. */
	String group();

	/**
	 * Handles one entry. Throwing leaves it pending: it is reclaimed and retried, and dead-lettered
	 * after the configured number of deliveries.
	 */
	void handle(StreamEvent event) throws Exception;

}
