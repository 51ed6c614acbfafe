package dev.storefront.notifications;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The WebSocket connections open on this instance and the login session each was authenticated
 * with, so that revoking a session closes its sockets.
 */
class WebSocketSessions {

	private static final Logger log = LoggerFactory.getLogger(WebSocketSessions.class);

	static final CloseStatus REVOKED = CloseStatus.POLICY_VIOLATION.withReason("Session revoked");

	private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();

	/** Socket id to the fingerprint of its login session, set on an accepted CONNECT. */
	private final Map<String, String> authenticated = new ConcurrentHashMap<>();

	WebSocketSessions(NotificationMetrics metrics) {
		metrics.connections("websocket", open::size);
	}

	void opened(WebSocketSession socket) {
		open.put(socket.getId(), socket);
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
				try {
					socket.close(REVOKED);
				}
				catch (IOException ex) {
					log.debug("Closing revoked socket {} failed: {}", socketId, ex.getMessage());
				}
				closed(socket);
			}
		});
	}

}
