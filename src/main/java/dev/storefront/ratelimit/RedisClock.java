package dev.storefront.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis's time, estimated locally: the local clock plus an offset measured with {@code TIME} at most once
 * per refresh interval (by whichever request thread finds it stale; the others keep the old offset). Token
 * buckets compute on the client (Bucket4j's compare-and-swap), so this is what keeps instances with
 * skewed clocks agreeing without a second round trip per request. Error: about half a round trip.
 */
final class RedisClock extends Clock {

	private final StringRedisTemplate redis;

	private final Clock local;

	private final long refreshNanos;

	private final ReentrantLock refreshing = new ReentrantLock();

	private volatile long offsetMillis;

	private volatile long nextRefresh = System.nanoTime();

	RedisClock(StringRedisTemplate redis, Clock local, Duration refresh) {
		this.redis = redis;
		this.local = local;
		this.refreshNanos = refresh.toNanos();
	}

	@Override
	public long millis() {
		if (System.nanoTime() - nextRefresh >= 0 && refreshing.tryLock()) {
			try {
				refresh();
			}
			finally {
				refreshing.unlock();
			}
		}
		return local.millis() + offsetMillis;
	}

	private void refresh() {
		long before = local.millis();
		Long server;
		try {
			server = redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
		}
		catch (RuntimeException ex) {
			// Redis is down: keep the last offset and retry within a second; the limiter call that follows
			// reports the failure.
			nextRefresh = System.nanoTime() + Math.min(refreshNanos, Duration.ofSeconds(1).toNanos());
			return;
		}
		long after = local.millis();
		if (server != null) {
			offsetMillis = server - (before + after) / 2;
		}
		nextRefresh = System.nanoTime() + refreshNanos;
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("Redis time has no zone");
	}

}
