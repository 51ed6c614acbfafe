package dev.storefront.notifications;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SSE streams open on this instance: opens them (with replay), delivers to them, closes a revoked
 * session's streams, and sends every stream a heartbeat comment; a failed write or a client that went
 * away removes the stream. On shutdown every stream is completed, so clients reconnect elsewhere.
 */
class SseConnections implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SseConnections.class);

	private final Set<SseConnection> open = ConcurrentHashMap.newKeySet();

	private final NotificationProperties properties;

	private ScheduledExecutorService heartbeats;

	SseConnections(NotificationProperties properties, NotificationMetrics metrics) {
		this.properties = properties;
		metrics.connections("sse", open::size);
	}

	/**
	 * Opens a stream for the user's session; with a {@code lastEventId}, the caller replays what was
	 * missed through {@link SseConnection#replay} and live notifications wait until then.
	 */
	SseConnection open(long userId, String fingerprint, String lastEventId) {
		SseEmitter emitter = new SseEmitter(properties.sseTimeout().toMillis());
		SseConnection connection = new SseConnection(userId, fingerprint, emitter, lastEventId);
		emitter.onCompletion(() -> open.remove(connection));
		emitter.onTimeout(() -> remove(connection));
		emitter.onError(error -> remove(connection));
		open.add(connection);
		return connection;
	}

	void toUser(long userId, Notification notification) {
		for (SseConnection connection : open) {
			if (connection.userId() == userId) {
				try {
					connection.deliver(notification);
				}
				catch (IOException | RuntimeException ex) {
					remove(connection);
				}
			}
		}
	}

	/** Ends the streams of a revoked session. */
	void close(String fingerprint) {
		for (SseConnection connection : open) {
			if (connection.fingerprint().equals(fingerprint)) {
				remove(connection);
			}
		}
	}

	int size() {
		return open.size();
	}

	void remove(SseConnection connection) {
		open.remove(connection);
		connection.close();
	}

	private void heartbeat() {
		for (SseConnection connection : List.copyOf(open)) {
			try {
				connection.comment("heartbeat");
			}
			catch (IOException | RuntimeException ex) {
				// The client went away: a write is how a servlet container notices.
				remove(connection);
			}
		}
	}

	@Override
	public synchronized void start() {
		heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "notify-sse-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long period = properties.heartbeat().toMillis();
		heartbeats.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (heartbeats != null) {
			heartbeats.shutdownNow();
			heartbeats = null;
		}
		log.info("Closing {} SSE streams", open.size());
		List.copyOf(open).forEach(this::remove);
	}

	@Override
	public synchronized boolean isRunning() {
		return heartbeats != null;
	}

}
