package dev.storefront.views;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Sends views to Redis off the request thread: one worker drains the queue and writes each batch in
 * one pipeline ({@code INCR} pending, {@code SADD} dirty). A read never waits
 * for Redis; views that cannot be queued or written are counted, not retried.
 */
final class ViewRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ViewRecorder.class);


	private final StringRedisTemplate redis;

	private final BlockingQueue<View> queue;

	private final Counter dropped;

	private final Counter failed;

	private volatile Thread worker;

	private volatile boolean running;

	ViewRecorder(StringRedisTemplate redis, int capacity, MeterRegistry meters) {
		this.redis = redis;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.dropped = meters.counter("storefront.views.dropped", "reason", "queue-full");
		this.failed = meters.counter("storefront.views.dropped", "reason", "redis-error");
	}

	void record(long productId) {
		if (!queue.offer(new View(productId))) {
			dropped.increment();
		}
	}

	/** Writes everything queued so far; the worker does this continuously, tests and shutdown call it. */
	synchronized void drain() {
		List<View> batch = new ArrayList<>();
		while (queue.drainTo(batch, 1000) > 0) {
			write(batch);
			batch.clear();
		}
	}

	private void write(List<View> batch) {
		try {
			// Pipelined on the shared connection (executePipelined would open a connection per batch).
			redis.execute((RedisCallback<Void>) connection -> {
				@SuppressWarnings("unchecked")
				var async = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
				List<RedisFuture<?>> replies = new ArrayList<>();
				for (View view : batch) {
					replies.add(async.incr(bytes(ViewKeys.pending(view.productId()))));
					replies.add(async.sadd(bytes(ViewKeys.DIRTY), bytes(Long.toString(view.productId()))));
				}
				if (!LettuceFutures.awaitAll(Duration.ofSeconds(2), replies.toArray(RedisFuture[]::new))) {
					throw new IllegalStateException("view pipeline timed out");
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			failed.increment(batch.size());
			log.debug("Could not record {} views: {}", batch.size(), ex.toString());
		}
	}

	private void work() {
		while (running) {
			try {
				// Polls under the lock, so that drain() returning means "all that was queued is written".
				synchronized (this) {
					View first = queue.poll(200, TimeUnit.MILLISECONDS);
					if (first != null) {
						List<View> batch = new ArrayList<>();
						batch.add(first);
						queue.drainTo(batch, 999);
						write(batch);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void start() {
		running = true;
		worker = new Thread(this::work, "view-recorder");
		worker.setDaemon(true);
		worker.start();
	}

	/** Stops after the web server drained, and writes what is still queued. */
	@Override
	public void stop() {
		running = false;
		try {
			worker.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		drain();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return ViewConfiguration.RECORDER_PHASE;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	record View(long productId) {
	}

}
