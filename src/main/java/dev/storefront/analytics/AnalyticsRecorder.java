package dev.storefront.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.batching.BatchWriter;

/**
 * Records unique visitors, recently viewed products and active users off the request thread: requests
 * put a small record in a bounded queue and never wait; one worker drains it and runs each batch as one
 * pipeline of EVALSHAs on the shared connection (one round trip per batch). A full queue or a failed
 * batch drops records and counts them in {@code storefront.analytics.dropped}; HyperLogLogs, bitmaps and
 * the recently-viewed list are idempotent, so batching itself loses nothing but latency. What is queued
 * at shutdown is written before the Redis client stops.
 */
final class AnalyticsRecorder extends BatchWriter<AnalyticsRecorder.Record> {

	/** Stopped after the web server drained, like the view recorder. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger log = LoggerFactory.getLogger(AnalyticsRecorder.class);

	private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(2);

	private final StringRedisTemplate redis;

	private final AnalyticsProperties properties;

	private final Counter queueFull;

	private final Counter redisError;

	private final Clock clock = Clock.systemUTC();

	AnalyticsRecorder(StringRedisTemplate redis, AnalyticsProperties properties, MeterRegistry meters) {
		super("analytics-recorder", properties.queueCapacity(), properties.batchSize(), PHASE);
		this.redis = redis;
		this.properties = properties;
		this.queueFull = dropped(meters, "queue-full");
		this.redisError = dropped(meters, "redis-error");
	}

	private static Counter dropped(MeterRegistry meters, String reason) {
		return Counter.builder("storefront.analytics.dropped")
			.description("Analytics records not written: the queue was full or Redis failed")
			.tag("reason", reason)
			.register(meters);
	}

	void visit(long productId, String visitor) {
		offer(new Visit(productId, visitor));
	}

	void recentlyViewed(long userId, long productId) {
		offer(new RecentView(userId, productId));
	}

	/** {@code markedIn} forgets the user again if the record is lost, so a later request retries. */
	void active(long userId, Set<Long> markedIn) {
		offer(new Active(userId, markedIn));
	}

	private void offer(Record record) {
		if (!enqueue(record)) {
			queueFull.increment();
			record.lost();
		}
	}

	@Override
	protected void write(List<Record> batch) {
		try {
			List<Record> missingScript = send(batch);
			if (!missingScript.isEmpty()) {
				// Redis lost its script cache (restart, failover): load once, send those again.
				loadScripts();
				if (!send(missingScript).isEmpty()) {
					throw new IllegalStateException("scripts still missing after SCRIPT LOAD");
				}
			}
		}
		catch (RuntimeException ex) {
			redisError.increment(batch.size());
			batch.forEach(Record::lost);
			log.debug("Could not record {} analytics events: {}", batch.size(), ex.toString());
		}
	}

	/** One pipeline; returns the records whose script Redis did not know. */
	private List<Record> send(List<Record> batch) {
		return redis.execute((RedisCallback<List<Record>>) connection -> {
			@SuppressWarnings("unchecked")
			var async = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
			LocalDate today = LocalDate.now(clock);
			List<RedisFuture<Long>> replies = new ArrayList<>(batch.size());
			for (Record record : batch) {
				replies.add(record.send(async, today, properties));
			}
			List<Record> missing = new ArrayList<>();
			long deadline = System.nanoTime() + BATCH_TIMEOUT.toNanos();
			for (int i = 0; i < replies.size(); i++) {
				try {
					replies.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof RedisNoScriptException)) {
						throw new IllegalStateException(ex.getCause());
					}
					missing.add(batch.get(i));
				}
				catch (TimeoutException ex) {
					throw new IllegalStateException("analytics pipeline timed out", ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			return missing;
		});
	}

	private void loadScripts() {
		redis.execute((RedisCallback<Void>) connection -> {
			for (AnalyticsScripts.Hot script : AnalyticsScripts.RECORDER) {
				connection.scriptingCommands().scriptLoad(script.source());
			}
			return null;
		});
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(long value) {
		return bytes(Long.toString(value));
	}

	/** One thing to record, and how it is sent. */
	sealed interface Record permits Visit, RecentView, Active {

		RedisFuture<Long> send(RedisClusterAsyncCommands<byte[], byte[]> redis, LocalDate today,
				AnalyticsProperties properties);

		default void lost() {
		}

	}

	private record Visit(long productId, String visitor) implements Record {

		@Override
		public RedisFuture<Long> send(RedisClusterAsyncCommands<byte[], byte[]> redis, LocalDate today,
				AnalyticsProperties properties) {
			return redis.evalsha(AnalyticsScripts.ADD_VISITOR_SHA.sha(), ScriptOutputType.INTEGER,
					new byte[][] { bytes(AnalyticsKeys.uniqueVisitors(productId, today)) },
					bytes(properties.uniqueVisitorRetention().toMillis()), bytes(visitor));
		}

	}

	private record RecentView(long userId, long productId) implements Record {

		@Override
		public RedisFuture<Long> send(RedisClusterAsyncCommands<byte[], byte[]> redis, LocalDate today,
				AnalyticsProperties properties) {
			return redis.evalsha(AnalyticsScripts.RECENTLY_VIEWED_SHA.sha(), ScriptOutputType.INTEGER,
					new byte[][] { bytes(AnalyticsKeys.recentlyViewed(userId)) }, bytes(productId),
					bytes(properties.recentlyViewedSize()), bytes(properties.recentlyViewedTtl().toMillis()));
		}

	}

	private record Active(long userId, Set<Long> markedIn) implements Record {

		@Override
		public RedisFuture<Long> send(RedisClusterAsyncCommands<byte[], byte[]> redis, LocalDate today,
				AnalyticsProperties properties) {
			return redis.evalsha(AnalyticsScripts.MARK_ACTIVE_SHA.sha(), ScriptOutputType.INTEGER,
					new byte[][] { bytes(AnalyticsKeys.activeUsers(today)) }, bytes(userId),
					bytes(properties.activeUserRetention().toMillis()));
		}

		@Override
		public void lost() {
			markedIn.remove(userId);
		}

	}

}
