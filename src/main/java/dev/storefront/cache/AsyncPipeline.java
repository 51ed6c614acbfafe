package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
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

	/** Runs the commands and waits for all of them; returns their (completed) futures. */
	@SuppressWarnings("unchecked")
	static List<RedisFuture<?>> run(StringRedisTemplate redis, Duration timeout,
			Function<RedisClusterAsyncCommands<byte[], byte[]>, List<RedisFuture<?>>> commands) {
		return redis.execute((RedisCallback<List<RedisFuture<?>>>) connection -> {
			var async = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
			List<RedisFuture<?>> futures = commands.apply(async);
			if (!LettuceFutures.awaitAll(timeout, futures.toArray(RedisFuture[]::new))) {
				throw new IllegalStateException("Redis pipeline timed out after " + timeout);
			}
			return futures;
		});
	}

	/** The value of a completed future; a failed command is an exception (the guard counts it). */
	static Object result(RedisFuture<?> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Redis command failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
