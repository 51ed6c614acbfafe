package dev.storefront.notifications;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

/**
 * Pushes fanned-out messages to the connections open on this instance: the user's STOMP sessions
 * (through the simple broker's user destinations) and SSE streams, the administrators' topic, and
 * the closing of a revoked session's connections. All on the {@link DeliveryExecutor}, keyed by audience.
 */
@Component
class LocalDelivery {

	static final String USER_QUEUE = "/queue/notifications";

	static final String ADMIN_TOPIC = "/topic/admin";

	private final DeliveryExecutor executor;

	private final SimpMessageSendingOperations stomp;

	private final SseConnections sse;

	private final WebSocketSessions sockets;

	private final NotificationMetrics metrics;

	LocalDelivery(DeliveryExecutor executor, SimpMessageSendingOperations stomp, SseConnections sse,
			WebSocketSessions sockets, NotificationMetrics metrics) {
		this.executor = executor;
		this.stomp = stomp;
		this.sse = sse;
		this.sockets = sockets;
		this.metrics = metrics;
	}

	void toUser(long userId, Notification notification) {
		submit("user:" + userId, () -> {
			sse.toUser(userId, notification);
			stomp.convertAndSendToUser(String.valueOf(userId), USER_QUEUE, notification);
		});
	}

	void toAdmins(Notification notification) {
		submit("admin", () -> stomp.convertAndSend(ADMIN_TOPIC, notification));
	}

	void closeSession(String fingerprint) {
		submit(fingerprint, () -> {
			sockets.close(fingerprint);
			sse.close(fingerprint);
		});
	}

	private void submit(String key, Runnable task) {
		if (!executor.execute(key, task)) {
			metrics.dropped();
		}
	}

}
