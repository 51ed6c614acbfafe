package dev.storefront.views;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;


/**
 * Moves view counts from Redis into PostgreSQL every flush interval, one instance at a time. Per
 * product: take it off the dirty set, claim its pending count atomically into a flushing counter
 * (claim.lua), add that to the database, then delete the flushing counter. A crash between the last
 * two steps counts those views twice (at-least-once); a crash earlier loses nothing: ids of a batch
 * that failed part-way go back into the dirty set, and every recovery interval a SCAN picks up any
 * pending or flushing counter that no dirty set names (a crash after SPOP, a lost SADD).
 */
final class ViewFlusher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ViewFlusher.class);

	static final RedisScript<Long> CLAIM = RedisScript.of(
			new ClassPathResource("scripts/views/claim.lua", ViewFlusher.class.getClassLoader()), Long.class);

	private final StringRedisTemplate redis;

	private final ViewSink database;

	private final FlushLock lock;

	private final ViewRecorder recorder;

	private final ViewProperties properties;

	private final Counter flushed;

	private volatile long nextRecovery;

	private ScheduledExecutorService scheduler;

	private volatile boolean running;

	ViewFlusher(StringRedisTemplate redis, ViewSink database, FlushLock lock, ViewRecorder recorder,
			ViewProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.database = database;
		this.lock = lock;
		this.recorder = recorder;
		this.properties = properties;
		this.flushed = meters.counter("storefront.views.flushed");
	}

	/** @return views moved into the database, or -1 if another instance holds the lock */
	long flush() {
		Optional<FlushLock.Lease> lease = lock.tryAcquire();
		if (lease.isEmpty()) {
			return -1;
		}
		try (FlushLock.Lease held = lease.get()) {
			long total = recoveryDue() ? recoverLeftovers() : 0;
			List<String> dirty;
			while ((dirty = redis.opsForSet().pop(ViewKeys.DIRTY, 500)) != null && !dirty.isEmpty()) {
				total += flushAll(dirty);
			}
			flushed.increment(total);
			return total;
		}
	}

	/** Flushes the popped ids; those not done when one fails go back into the dirty set. */
	private long flushAll(List<String> ids) {
		long total = 0;
		int done = 0;
		try {
			for (String id : ids) {
				total += flushOne(Long.parseLong(id));
				done++;
			}
			return total;
		}
		finally {
			if (done < ids.size()) {
				// The failed one included: its claimed views wait in its flushing counter.
				redis.opsForSet().add(ViewKeys.DIRTY, ids.subList(done, ids.size()).toArray(String[]::new));
			}
		}
	}

	private long flushOne(long productId) {
		Long claimed = redis.execute(CLAIM, List.of(ViewKeys.pending(productId), ViewKeys.flushing(productId)));
		if (claimed == null || claimed == 0) {
			return 0;
		}
		database.add(productId, claimed);
		redis.unlink(ViewKeys.flushing(productId));
		return claimed;
	}

	private boolean recoveryDue() {
		long now = System.nanoTime();
		if (nextRecovery != 0 && now - nextRecovery < 0) {
			return false;
		}
		nextRecovery = now + properties.recoveryInterval().toNanos();
		return true;
	}

	/** Every counter in Redis, pending or flushing, whether or not a dirty set names it. */
	long recoverLeftovers() {
		long total = 0;
		for (String key : leftovers()) {
			if (ViewKeys.isCounter(key)) {
				total += flushOne(ViewKeys.idOf(key));
			}
		}
		return total;
	}

	/**
	 * Pending and flushing counters, named by a dirty set or not. SCAN is per node: a Cluster connection refuses a plain
	 * SCAN, so every master is scanned on its own (as the cache's KeyScanner does).
	 */
	private List<String> leftovers() {
		ScanOptions options = ScanOptions.scanOptions().match(ViewKeys.COUNTER_PATTERN).count(500).build();
		return redis.execute((RedisCallback<List<String>>) connection -> {
			List<String> keys = new ArrayList<>();
			if (connection instanceof RedisClusterConnection cluster) {
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster()) {
						collect(cluster.scan(node, options), keys);
					}
				}
			}
			else {
				collect(connection.keyCommands().scan(options), keys);
			}
			return keys;
		});
	}

	private static void collect(Cursor<byte[]> cursor, List<String> keys) {
		try (cursor) {
			cursor.forEachRemaining(key -> keys.add(new String(key, StandardCharsets.UTF_8)));
		}
	}

	private void scheduledFlush() {
		try {
			recorder.drain();
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("View flush failed, retrying next interval: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "view-flusher");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.flushInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::scheduledFlush, interval, interval, TimeUnit.MILLISECONDS);
		running = true;
	}

	/** Graceful shutdown: after the recorder wrote its queue, one last flush. */
	@Override
	public void stop() {
		running = false;
		scheduler.shutdown();
		try {
			scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		scheduledFlush();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return ViewConfiguration.RECORDER_PHASE - 1;
	}

}
