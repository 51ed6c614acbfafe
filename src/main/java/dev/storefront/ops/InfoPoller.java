package dev.storefront.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Reads INFO from every node of every Redis once per interval and keeps the last reply, so gauges cost
 * no Redis call at scrape time. A node that fails to answer is forgotten until it answers again: its
 * gauges show NaN rather than stale figures.
 */
final class InfoPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InfoPoller.class);

	private final List<RedisTarget> targets;

	private final RedisNodes nodes;

	private final RedisMeters meters;

	private final Duration interval;

	private final Map<String, Map<String, RedisInfo>> latest = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService executor;

	private final AtomicBoolean queued = new AtomicBoolean();

	InfoPoller(List<RedisTarget> targets, RedisNodes nodes, MeterRegistry registry, Duration interval) {
		this.targets = targets;
		this.nodes = nodes;
		this.interval = interval;
		this.meters = new RedisMeters(registry, this::latest);
	}

	/** The last INFO of a node, or null when it did not answer the last poll. */
	RedisInfo latest(String target, String node) {
		Map<String, RedisInfo> byNode = latest.get(target);
		return byNode == null ? null : byNode.get(node);
	}

	/** The last INFO of every node that answered, by Redis name and node. */
	Map<String, Map<String, RedisInfo>> all() {
		return latest;
	}

	/** Polls every node once, now. */
	void poll() {
		for (RedisTarget target : targets) {
			Map<String, RedisInfo> byNode = latest.computeIfAbsent(target.name(), name -> new ConcurrentHashMap<>());
			Map<String, RedisNodes.Outcome<RedisInfo>> outcomes = nodes.each(target, RedisNodes.Scope.ALL,
					node -> RedisInfo.parse(new String(node.await(node.commands().info()))));
			byNode.keySet().retainAll(outcomes.keySet());
			outcomes.forEach((node, outcome) -> {
				if (outcome.ok()) {
					byNode.put(node, outcome.value());
					meters.track(target.name(), node);
				}
				else {
					byNode.remove(node);
					log.debug("INFO of Redis {} node {} failed: {}", target.name(), node, outcome.error());
				}
			});
		}
	}

	/**
	 * Polls once more on the poller's own thread, unless a poll is already queued: the caller (the
	 * console's snapshot tick) never waits for Redis, and a slow or down Redis cannot pile polls up.
	 */
	void pollSoon() {
		ScheduledExecutorService running = executor;
		if (running != null && queued.compareAndSet(false, true)) {
			running.execute(() -> {
				queued.set(false);
				pollSafely();
			});
		}
	}

	private void pollSafely() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			// Never let one failed round end the schedule.
			log.warn("Redis INFO poll failed: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "redis-info-poller");
			thread.setDaemon(true);
			return thread;
		});
		started.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
		executor = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = executor;
		executor = null;
		if (running != null) {
			running.shutdown();
			try {
				running.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

	// Stop before the connection factories (which stop in the default phase).
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

}
