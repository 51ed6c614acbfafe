package dev.storefront.notifications;

import java.io.IOException;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What a client reads: a page of its history, or a live SSE stream that first replays what it missed.
 */
@Component
class NotificationFeed {

	private final NotificationStore store;

	private final SseConnections connections;

	NotificationFeed(NotificationStore store, SseConnections connections) {
		this.store = store;
		this.connections = connections;
	}

	List<Notification> history(long userId, String after) {
		return store.after(NotificationKeys.userStream(userId), checked("after", after));
	}

	List<Notification> adminHistory(String after) {
		return store.after(NotificationKeys.adminStream(), checked("after", after));
	}

	/**
	 * Opens a stream: registered first, so nothing published from now on is missed; then, with a
	 * {@code lastEventId}, the history after it, then what arrived meanwhile.
	 */
	SseEmitter stream(long userId, String sessionId, String lastEventId) {
		String from = checked("Last-Event-ID", lastEventId);
		SseConnection connection = connections.open(userId, NotificationKeys.fingerprint(sessionId), from);
		try {
			connection.comment("connected");
			if (from != null) {
				connection.replay(store.after(NotificationKeys.userStream(userId), from));
			}
		}
		catch (IOException | RuntimeException ex) {
			connections.remove(connection);
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
		}
		return connection.emitter();
	}

	private static String checked(String parameter, String id) {
		if (id == null || id.isBlank()) {
			return null;
		}
		if (!StreamIds.isValid(id)) {
			throw new InvalidNotificationId(parameter, id);
		}
		return id;
	}

}
