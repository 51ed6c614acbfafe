package dev.storefront.ratelimit;

import java.time.Clock;
import java.time.Duration;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Bucket4j's Lettuce proxy manager on one dedicated connection of the application's Lettuce client (so it
 * inherits the fail-fast client options). The connection is opened on first use rather than at startup,
 * so the application starts, and fails open or closed per policy, while Redis is down.
 */
final class BucketProxies implements DisposableBean {

	/** Idle buckets live until full, plus this margin, then Redis drops them. */
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

	private final LettuceConnectionFactory connectionFactory;

	private final TimeMeter clock;

	private final Duration timeout;

	private volatile StatefulConnection<String, byte[]> connection;

	private volatile ProxyManager<String> proxyManager;

	BucketProxies(LettuceConnectionFactory connectionFactory, Clock clock, Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.clock = new ClockTimeMeter(clock);
		this.timeout = timeout;
	}

	ProxyManager<String> get() {
		ProxyManager<String> manager = proxyManager;
		if (manager == null) {
			synchronized (this) {
				if (proxyManager == null) {
					proxyManager = connect();
				}
				manager = proxyManager;
			}
		}
		return manager;
	}

	@SuppressWarnings("unchecked")
	private ProxyManager<String> connect() {
		RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
		AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
		if (client instanceof RedisClusterClient cluster) {
			var clusterConnection = cluster.connect(codec);
			// Lettuce's default, stated: a bucket's CAS must read what the last write left (decision 0091).
			clusterConnection.setReadFrom(ReadFrom.UPSTREAM);
			connection = clusterConnection;
			return configure(Bucket4jLettuce.casBasedBuilder(clusterConnection));
		}
		var standalone = ((RedisClient) client).connect(codec);
		connection = standalone;
		return configure(Bucket4jLettuce.casBasedBuilder(standalone));
	}

	private ProxyManager<String> configure(Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder) {
		return builder.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_MARGIN))
			.clientClock(clock)
			.requestTimeout(timeout)
			.build();
	}

	@Override
	public void destroy() {
		StatefulConnection<String, byte[]> open = connection;
		if (open != null) {
			open.close();
		}
	}

	/** Bucket4j's view of the injected clock, so tests can skew it. */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return clock.millis() * 1_000_000L;
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
