package dev.storefront.notifications;

/**
 * Where an {@link SseConnection} puts its frames: a bounded, non-blocking outbox per connection.
 */
interface SseOutput {

	/**
	 * Queues one frame and writes what the socket takes now, never waiting for it.
	 * @return false when the stream is closed, or was closed now because the frame would pass its buffer
	 */
	boolean offer(String frame);

	/** Ends the stream; further offers are refused. */
	void close();

}
