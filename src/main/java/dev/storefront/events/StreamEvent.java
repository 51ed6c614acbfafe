package dev.storefront.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the stream {@code sf:events} as a consumer group sees it.
 *
 * @param id the stream entry id, e.g. {@code 1732940000000-0}
 * @param eventId the domain event's id, stable across republication
 * @param type the event type, e.g. {@code OrderPlaced}
 * @param occurredAt when the fact happened
 * @param aggregateId the aggregate's id
 * @param userId the user the event concerns, or {@code null}
 * @param payload the event record as JSON
 */
public record StreamEvent(String id, UUID eventId, String type, Instant occurredAt, String aggregateId, Long userId,
		String payload) {
}
