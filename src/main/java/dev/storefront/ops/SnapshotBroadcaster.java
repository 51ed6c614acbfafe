package dev.storefront.ops;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The one snapshot producer of this instance. It ticks only while at least one console listens, builds one
 * snapshot per tick, serialises it once and sends the same text to every listener, so ten consoles cost
 * what one does (plus the writes). Each tick also asks the INFO poller for one more round on its own thread,
 * so the Redis panel is at most a tick behind, and a slow or down Redis never delays a tick.
 */
final class SnapshotBroadcaster implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SnapshotBroadcaster.class);

	private final SnapshotBuilder builder;

	private final InfoPoller info;

	private final JsonMapper json;

	private final Duration interval;

	private final Counter ticks;

	private final Set<SseEmitter> listeners = ConcurrentHashMap.newKeySet();

	private volatile String latest;

	private ScheduledExecutorService executor;

	private ScheduledFuture<?> ticking;

	SnapshotBroadcaster(SnapshotBuilder builder, InfoPoller info, JsonMapper json, Duration interval,
			MeterRegistry meters) {
		this.builder = builder;
		this.info = info;
		this.json = json;
		this.interval = interval;
		this.ticks = Counter.builder("storefront.ops.snapshots")
			.description("Snapshots the operations console's producer built (one per tick while anyone listens)")
			.register(meters);
	}

	/** A new listener: it gets the latest snapshot at once (if any) and every later one. */
	SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> leave(emitter));
		emitter.onTimeout(() -> leave(emitter));
		emitter.onError(error -> leave(emitter));
		String current = latest;
		if (current != null) {
			send(emitter, current);
		}
		synchronized (this) {
			if (executor == null) {
				emitter.complete();
				return emitter;
			}
			listeners.add(emitter);
			if (ticking == null) {
				ticking = executor.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
				log.debug("Operations console snapshots started");
			}
		}
		return emitter;
	}

	/** The snapshot of the last tick, or a new one when nobody listens (so none is being produced). */
	OpsSnapshot current() {
		return builder.build();
	}

	int listeners() {
		return listeners.size();
	}

	private void tick() {
		try {
			info.pollSoon();
			String snapshot = json.writeValueAsString(builder.build());
			ticks.increment();
			latest = snapshot;
			listeners.forEach(emitter -> send(emitter, snapshot));
		}
		catch (RuntimeException ex) {
			// One failed tick must not end the schedule (a cancelled task never runs again).
			log.warn("Operations console snapshot failed: {}", ex.toString());
		}
	}

	private void send(SseEmitter emitter, String snapshot) {
		try {
			emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// The console went away; the container reports it through onError/onCompletion as well.
			leave(emitter);
		}
	}

	private synchronized void leave(SseEmitter emitter) {
		listeners.remove(emitter);
		if (listeners.isEmpty() && ticking != null) {
			ticking.cancel(false);
			ticking = null;
			latest = null;
			log.debug("Operations console snapshots stopped: nobody listens");
		}
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "ops-console-snapshots");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this) {
			running = executor;
			executor = null;
		}
		listeners.forEach(SseEmitter::complete);
		if (running != null) {
			running.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

	// Before the web server's graceful shutdown, which would otherwise wait for the endless streams.
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

}
