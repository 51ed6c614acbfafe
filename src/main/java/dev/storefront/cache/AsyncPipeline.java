package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Pipelining on the shared Lettuce connection: commands are written back to back and awaited
 * together. Spring Data Redis' {@code executePipelined} would open a dedicated connection per call
 * (a TCP connect and handshake each time) when no pool is configured.
 */
final class AsyncPipeline {

	private AsyncPipeline() {
	}

	@SuppressWarnings("unchecked")
	static void run(StringRedisTemplate redis, Duration timeout,
			Function<RedisClusterAsyncCommands<byte[], byte[]>, List<RedisFuture<?>>> commands) {
		redis.execute((RedisCallback<Void>) connection -> {
			var async = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
			List<RedisFuture<?>> futures = commands.apply(async);
			if (!LettuceFutures.awaitAll(timeout, futures.toArray(RedisFuture[]::new))) {
				throw new IllegalStateException("Redis pipeline timed out after " + timeout);
			}
			return null;
		});
	}

}
