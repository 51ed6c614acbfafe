package dev.storefront.events;

import java.util.UUID;

/**
 * Redis names of the events module, all under {@code sf:events}. The outbox's "already published"
 * markers carry the hash tag {@code {sf:events}}: a key without braces hashes its whole name, so
 * {@code {sf:events}:pub:<id>} lands on the same cluster slot as the stream {@code sf:events}, and the
 * publish script may touch both.
 */
final class EventKeys {

	/** The event stream every {@link DomainEvent} is added to. */
	static final String STREAM = "sf:events";

	/** Entries that failed {@code max-deliveries} times or could not be parsed, with group and error. */
	static final String DEAD_LETTERS = "sf:events:dlq";

	private EventKeys() {
	}

	/** Marker that an event is on the stream, e.g. {@code {sf:events}:pub:3f2a...}. */
	static String published(UUID eventId) {
		return "{sf:events}:pub:" + eventId;
	}

	/** A group's idempotency marker for one event, e.g. {@code sf:events:handled:analytics:3f2a...}. */
	static String handled(String group, UUID eventId) {
		return "sf:events:handled:" + group + ":" + eventId;
	}

}
