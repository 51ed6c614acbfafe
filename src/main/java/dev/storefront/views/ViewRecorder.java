package dev.storefront.views;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.batching.BatchWriter;

/**
 * Sends views to Redis off the request thread: one worker drains the queue and writes each batch in
 * one pipeline ({@code INCR} pending, {@code SADD} dirty). A read never waits
 * for Redis; views that cannot be queued or written are counted, not retried.
 */
final class ViewRecorder extends BatchWriter<ViewRecorder.View> {

	private static final Logger log = LoggerFactory.getLogger(ViewRecorder.class);

	private final StringRedisTemplate redis;

	private final Counter dropped;

	private final Counter failed;

	ViewRecorder(StringRedisTemplate redis, int capacity, MeterRegistry meters) {
		super("view-recorder", capacity, 1000, ViewConfiguration.RECORDER_PHASE);
		this.redis = redis;
		this.dropped = meters.counter("storefront.views.dropped", "reason", "queue-full");
		this.failed = meters.counter("storefront.views.dropped", "reason", "redis-error");
	}

	void record(long productId) {
		if (!enqueue(new View(productId))) {
			dropped.increment();
		}
	}

	@Override
	protected void write(List<View> batch) {
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

	private static byte[] bytes(String value) {
		return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	record View(long productId) {
	}

}
