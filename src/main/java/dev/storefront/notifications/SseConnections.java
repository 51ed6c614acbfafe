package dev.storefront.notifications;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * The SSE streams open on this instance: opens them (with replay), delivers to them, closes a revoked
 * session's streams, and sends every stream a heartbeat comment. Nothing here waits for a client: each
 * stream has its own bounded, non-blocking {@link SseStream}, so the delivery lanes and the heartbeat
 * thread only queue. A stream whose client stopped reading (its buffer full, or a write waiting longer
 * than the send time limit) is dropped, and its client reconnects with {@code Last-Event-ID}. On shutdown
 * every stream is completed, so clients reconnect elsewhere.
 */
class SseConnections implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SseConnections.class);

	private final Set<SseConnection> open = ConcurrentHashMap.newKeySet();

	private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();

	private final NotificationProperties properties;

	private final ConnectionProperties limits;

	private final JsonMapper json;

	private final NotificationMetrics metrics;

	private ScheduledExecutorService timer;

	SseConnections(NotificationProperties properties, ConnectionProperties limits, JsonMapper json,
			NotificationMetrics metrics) {
		this.properties = properties;
		this.limits = limits;
		this.json = json;
		this.metrics = metrics;
		metrics.connections("sse", open::size);
	}

	/**
	 * Starts the SSE response of this request (async, non-blocking writes) and registers its stream; with
	 * a {@code lastEventId}, the caller replays what was missed through {@link SseConnection#replay} and
	 * live notifications wait until then.
	 */
	SseConnection open(long userId, String fingerprint, String lastEventId, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-cache");
		// Tell nginx not to buffer the stream.
		response.setHeader("X-Accel-Buffering", "no");
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(properties.sseTimeout().toMillis());
		SseStream stream = new SseStream(async, response.getOutputStream(), limits.sendBufferSize().toBytes(),
				() -> metrics.slowClientDropped("sse"));
		SseConnection connection = new SseConnection(userId, fingerprint, stream, this::frame, lastEventId);
		stream.onEnd(() -> {
			open.remove(connection);
			streams.remove(stream);
		});
		async.addListener(stream);
		open.add(connection);
		streams.add(stream);
		response.getOutputStream().setWriteListener(stream);
		return connection;
	}

	void toUser(long userId, Notification notification) {
		String frame = null;
		for (SseConnection connection : open) {
			if (connection.userId() == userId) {
				if (frame == null) {
					frame = frame(notification);
				}
				connection.deliver(notification, frame);
				if (connection.isClosed()) {
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

	private String frame(Notification notification) {
		return SseConnection.frame(notification, json.writeValueAsString(notification));
	}

	private void heartbeat() {
		for (SseConnection connection : List.copyOf(open)) {
			connection.comment("heartbeat");
			if (connection.isClosed()) {
				remove(connection);
			}
		}
	}

	/** Drops the streams whose socket has refused a write for longer than the send time limit. */
	private void dropStalled() {
		long limit = limits.sendTimeLimit().toNanos();
		for (SseStream stream : List.copyOf(streams)) {
			if (stream.stalledLongerThan(limit)) {
				stream.drop();
			}
		}
	}

	@Override
	public synchronized void start() {
		timer = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "notify-sse-timer");
			thread.setDaemon(true);
			return thread;
		});
		long period = properties.heartbeat().toMillis();
		timer.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
		long check = Math.max(100, limits.sendTimeLimit().toMillis() / 4);
		timer.scheduleWithFixedDelay(this::dropStalled, check, check, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (timer != null) {
			timer.shutdownNow();
			timer = null;
		}
		log.info("Closing {} SSE streams", open.size());
		List.copyOf(open).forEach(this::remove);
	}

	@Override
	public synchronized boolean isRunning() {
		return timer != null;
	}

}
