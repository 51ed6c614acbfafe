package dev.storefront.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.storefront.notifications.NotificationStore.Appended;

/**
 * Creates a notification: appends it to its audience's stream (once per event) and fans it out to
 * every instance. A redelivered event publishes the existing notification again; connections skip
 * ids they already have, so a crash between append and publish loses no live delivery. Public so that
 * other modules' consumer groups (the wishlist alerts) can notify a user.
 */
@Component
public class Notifier {

	private final NotificationStore store;

	private final Fanout fanout;

	private final NotificationMetrics metrics;

	Notifier(NotificationStore store, Fanout fanout, NotificationMetrics metrics) {
		this.store = store;
		this.fanout = fanout;
		this.metrics = metrics;
	}

	/**
	 * Notifies one user, at most once per {@code eventId}: a repeated call returns the first notification
	 * (and publishes it again; clients skip ids they have).
	 */
	public Notification toUser(long userId, UUID eventId, String type, Instant createdAt, Map<String, Object> data) {
		Appended appended = store.append(NotificationKeys.userStream(userId), eventId, type, createdAt, data);
		count(appended);
		fanout.publishToUser(userId, appended.notification());
		return appended.notification();
	}

	Notification toAdmins(UUID eventId, String type, Instant createdAt, Map<String, Object> data) {
		Appended appended = store.append(NotificationKeys.adminStream(), eventId, type, createdAt, data);
		count(appended);
		fanout.publishToAdmins(appended.notification());
		return appended.notification();
	}

	private void count(Appended appended) {
		if (appended.created()) {
			metrics.created(appended.notification().type());
		}
	}

}
