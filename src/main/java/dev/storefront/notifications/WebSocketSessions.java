package dev.storefront.notifications;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The WebSocket connections open on this instance and the login session each was authenticated
 * with, so that revoking a session closes its sockets. A socket that has not completed an accepted STOMP
 * {@code CONNECT} within the connect timeout is closed: it holds a connection and a cap slot for nothing.
 */
class WebSocketSessions {

	private static final Logger log = LoggerFactory.getLogger(WebSocketSessions.class);

	static final CloseStatus REVOKED = CloseStatus.POLICY_VIOLATION.withReason("Session revoked");

	static final CloseStatus CONNECT_TIMEOUT = CloseStatus.POLICY_VIOLATION.withReason("No CONNECT in time");

	private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();

	/** Socket id to the fingerprint of its login session, set on an accepted CONNECT. */
	private final Map<String, String> authenticated = new ConcurrentHashMap<>();

	private final TaskScheduler scheduler;

	private final Duration connectTimeout;

	private final NotificationMetrics metrics;

	WebSocketSessions(NotificationMetrics metrics, TaskScheduler scheduler, Duration connectTimeout) {
		this.metrics = metrics;
		this.scheduler = scheduler;
		this.connectTimeout = connectTimeout;
		metrics.connections("websocket", open::size);
	}

	void opened(WebSocketSession socket) {
		open.put(socket.getId(), socket);
		scheduler.schedule(() -> closeIfNotConnected(socket), Instant.now().plus(connectTimeout));
	}

	void closed(WebSocketSession socket) {
		open.remove(socket.getId());
		authenticated.remove(socket.getId());
	}

	void authenticated(String socketId, String fingerprint) {
		authenticated.put(socketId, fingerprint);
	}

	/** Closes every socket opened with the session of this fingerprint. */
	void close(String fingerprint) {
		authenticated.forEach((socketId, owner) -> {
			WebSocketSession socket = open.get(socketId);
			if (owner.equals(fingerprint) && socket != null) {
				close(socket, REVOKED);
			}
		});
	}

	private void closeIfNotConnected(WebSocketSession socket) {
		if (open.containsKey(socket.getId()) && !authenticated.containsKey(socket.getId())) {
			metrics.connectTimedOut();
			close(socket, CONNECT_TIMEOUT);
		}
	}

	private void close(WebSocketSession socket, CloseStatus status) {
		try {
			socket.close(status);
		}
		catch (IOException ex) {
			log.debug("Closing socket {} ({}) failed: {}", socket.getId(), status.getReason(), ex.getMessage());
		}
		closed(socket);
	}

}
