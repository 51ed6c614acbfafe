package dev.storefront.wishlist;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.storefront.notifications.Notifier;

/**
 * Notifies every follower of a product, in batches: SSCAN over the reverse index {@code fanout-batch}
 * followers at a time, one pipelined SISMEMBER per follower on that user's own set (a follower entry left
 * by a half-failed write, or a user who removed the product meanwhile, is skipped), then one notification
 * each. Nothing holds the whole follower set in memory, and each batch is a bounded amount of work.
 * Counts {@code storefront.wishlist.alerts} (per type) and times each fan-out in {@code storefront.wishlist.fanout}.
 */
@Component
class AlertFanout {

	private static final Logger log = LoggerFactory.getLogger(AlertFanout.class);

	private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(5);

	private final StringRedisTemplate redis;

	private final Notifier notifier;

	private final WishlistProperties properties;

	private final MeterRegistry meters;

	AlertFanout(StringRedisTemplate redis, Notifier notifier, WishlistProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.notifier = notifier;
		this.properties = properties;
		this.meters = meters;
	}

	/** @return how many users were notified */
	long notifyFollowers(long productId, UUID eventId, String type, Instant occurredAt, Map<String, Object> data) {
		Timer.Sample sample = Timer.start(meters);
		long notified = 0;
		long skipped = 0;
		ScanOptions options = ScanOptions.scanOptions().count(properties.fanoutBatch()).build();
		try (Cursor<String> followers = redis.opsForSet().scan(WishlistKeys.followers(productId), options)) {
			List<Long> batch = new ArrayList<>(properties.fanoutBatch());
			while (followers.hasNext()) {
				batch.add(Long.valueOf(followers.next()));
				if (batch.size() == properties.fanoutBatch() || !followers.hasNext()) {
					List<Long> confirmed = stillFollowing(batch, productId);
					skipped += batch.size() - confirmed.size();
					for (long userId : confirmed) {
						notifier.toUser(userId, eventId, type, occurredAt, data);
					}
					notified += confirmed.size();
					meters.counter("storefront.wishlist.alerts", "type", type).increment(confirmed.size());
					batch.clear();
				}
			}
		}
		long nanos = sample.stop(meters.timer("storefront.wishlist.fanout", "type", type));
		log.info("Wishlist alert {} for product {}: {} users notified, {} stale followers skipped, in {} ms", type,
				productId, notified, skipped, Duration.ofNanos(nanos).toMillis());
		return notified;
	}

	/** The users of {@code batch} whose own wishlist still holds the product: one pipeline, any topology. */
	private List<Long> stillFollowing(List<Long> batch, long productId) {
		byte[] member = Long.toString(productId).getBytes(StandardCharsets.UTF_8);
		List<RedisFuture<Boolean>> replies = redis.execute((RedisCallback<List<RedisFuture<Boolean>>>) connection -> {
			@SuppressWarnings("unchecked")
			var async = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
			List<RedisFuture<Boolean>> futures = new ArrayList<>(batch.size());
			for (long userId : batch) {
				futures.add(async.sismember(WishlistKeys.user(userId).getBytes(StandardCharsets.UTF_8), member));
			}
			if (!LettuceFutures.awaitAll(PIPELINE_TIMEOUT, futures.toArray(RedisFuture[]::new))) {
				throw new IllegalStateException("Wishlist membership pipeline timed out after " + PIPELINE_TIMEOUT);
			}
			return futures;
		});
		List<Long> confirmed = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			if (Boolean.TRUE.equals(replies.get(i).toCompletableFuture().join())) {
				confirmed.add(batch.get(i));
			}
		}
		return confirmed;
	}

}
