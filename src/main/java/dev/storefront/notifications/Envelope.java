package dev.storefront.notifications;

import java.time.Instant;
import java.util.Map;

/**
 * What travels over a fan-out channel: the notification plus its audience and the instance that sent it.
 *
 * @param userId the owner, or {@code null} for an administrators' notification
 * @param origin the id of the instance that published it (for tracing; every instance delivers it,
 * the sender included, so delivery has one path)
 */
record Envelope(String id, String type, Instant createdAt, Long userId, Map<String, Object> data, String origin) {

	static Envelope of(Notification notification, Long userId, String origin) {
		return new Envelope(notification.id(), notification.type(), notification.createdAt(), userId,
				notification.data(), origin);
	}

	Notification notification() {
		return new Notification(id, type, createdAt, data);
	}

}
