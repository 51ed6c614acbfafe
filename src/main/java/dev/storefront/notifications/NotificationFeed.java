package dev.storefront.notifications;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

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
	 * Opens a stream on this request: registered first, so nothing published from now on is missed; then,
	 * with a {@code lastEventId}, the history after it, then what arrived meanwhile.
	 */
	void stream(long userId, String sessionId, String lastEventId, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String from = checked("Last-Event-ID", lastEventId);
		SseConnection connection = connections.open(userId, NotificationKeys.fingerprint(sessionId), from, request,
				response);
		try {
			connection.comment("connected");
			if (from != null) {
				connection.replay(store.after(NotificationKeys.userStream(userId), from));
			}
		}
		catch (RuntimeException ex) {
			// The response is already a stream: end it, the client reconnects with its Last-Event-ID.
			connections.remove(connection);
		}
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
