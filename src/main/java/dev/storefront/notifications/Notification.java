package dev.storefront.notifications;

import java.time.Instant;
import java.util.Map;

/**
 * One notification as clients see it (REST, STOMP and SSE).
 *
 * @param id the entry id in the audience's stream, e.g. {@code 1764480000000-0}; ids grow with time,
 * so clients resume "after" the last one they saw
 * @param type e.g. {@code order.confirmed} or {@code stock.low}
 * @param createdAt when the underlying fact happened
 * @param data type-specific fields, e.g. {@code orderId} and {@code status}
 */
public record Notification(String id, String type, Instant createdAt, Map<String, Object> data) {

	/** Whether this notification comes after the one with id {@code other} in its stream. */
	boolean isAfter(String other) {
		return other == null || StreamIds.compare(id, other) > 0;
	}

}
