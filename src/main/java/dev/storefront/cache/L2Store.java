package dev.storefront.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis level: single-key commands behind the {@link RedisGuard}, so every failure is a miss (reads)
 * or a false/null result (writes), never an exception. Multi-key reads are one MGET (split per hash slot
 * on a cluster); multi-key writes are pipelined.
 */
final class L2Store {

	static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(1);

	private static final byte[] SET_IF_NEWER = bytes(CacheScripts.SET_IF_NEWER.getScriptAsString());

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	L2Store(StringRedisTemplate redis, RedisGuard guard) {
		this.redis = redis;
		this.guard = guard;
	}

	RedisGuard guard() {
		return guard;
	}

	StringRedisTemplate template() {
		return redis;
	}

	String get(String cache, String key) {
		return guard.call(cache, "get", () -> redis.opsForValue().get(key), null);
	}

	/**
	 * Writes an entry unless Redis holds a newer version of it.
	 * @return true if written, false if a newer version won, null if Redis failed
	 */
	@Nullable Boolean setIfNewer(String cache, String key, String value, long ttlMillis, long version) {
		return guard.call(cache, "set", () -> written(redis.execute(CacheScripts.SET_IF_NEWER, List.of(key), value,
				Long.toString(ttlMillis), Long.toString(version))), null);
	}

	/** @return false if Redis failed */
	boolean unlink(String cache, String key) {
		return guard.run(cache, "unlink", () -> redis.unlink(key));
	}

	/** Pipelined single-key UNLINKs (cluster-safe); false if Redis failed. */
	boolean unlinkAll(String cache, List<String> keys) {
		return keys.isEmpty() || guard.run(cache, "unlink", () -> AsyncPipeline.run(redis, PIPELINE_TIMEOUT,
				async -> keys.stream().<RedisFuture<?>>map(key -> async.unlink(bytes(key))).toList()));
	}

	/** {@code SET lock token NX PX ttl}: true if taken, false if held elsewhere, null if Redis failed. */
	Boolean tryLock(String cache, String lock, String token, Duration ttl) {
		return guard.call(cache, "lock", () -> redis.opsForValue().setIfAbsent(lock, token, ttl), null);
	}

	/**
	 * One round trip for a miss: the entry's value if present, else an attempt at its loader lock.
	 * Null if Redis failed.
	 */
	@Nullable Claim getOrLock(String cache, String entry, String lock, String token, Duration ttl) {
		return guard.call(cache, "get-or-lock", () -> Claim.of(redis.execute(CacheScripts.GET_OR_LOCK,
				List.of(entry, lock), token, Long.toString(ttl.toMillis()))), null);
	}

	/**
	 * Writes a loaded entry unless Redis holds a newer version, and releases the caller's loader lock, in
	 * one round trip.
	 * @return true if written, false if a newer version won, null if Redis failed
	 */
	@Nullable Boolean setAndUnlock(String cache, String entry, String value, long ttlMillis, long version, String lock,
			String token) {
		return guard.call(cache, "set", () -> written(redis.execute(CacheScripts.SET_AND_UNLOCK, List.of(entry, lock),
				value, Long.toString(ttlMillis), token, Long.toString(version))), null);
	}

	boolean exists(String cache, String key) {
		return guard.call(cache, "exists", () -> Boolean.TRUE.equals(redis.hasKey(key)), false);
	}

	void unlock(String cache, String lock, String token) {
		guard.run(cache, "unlock", () -> redis.execute(CacheScripts.UNLOCK, List.of(lock), token));
	}

	/** @return false if Redis failed */
	boolean publish(String cache, String channel, String message) {
		return guard.run(cache, "publish", () -> redis.convertAndSend(channel, message));
	}

	/** Runs a sharded publish under the same guard as {@link #publish}; false if Redis failed. */
	boolean publishSharded(String cache, Runnable spublish) {
		return guard.run(cache, "publish", spublish);
	}

	/** The values of {@code keys} in order (null where absent); all null if Redis failed. */
	List<String> multiGet(String cache, List<String> keys) {
		List<String> none = Arrays.asList(new String[keys.size()]);
		return guard.call(cache, "mget", () -> mget(keys), none);
	}

	/**
	 * set-if-newer for each entry, pipelined.
	 * @return per key (in the map's order) whether it was written; null if Redis failed
	 */
	@Nullable List<Boolean> setAllIfNewer(String cache, Map<String, Write> writes) {
		return guard.call(cache, "set", () -> {
			List<RedisFuture<?>> futures = AsyncPipeline.run(redis, PIPELINE_TIMEOUT, async -> writes.entrySet()
				.stream()
				.<RedisFuture<?>>map(e -> async.eval(SET_IF_NEWER, ScriptOutputType.INTEGER,
						new byte[][] { bytes(e.getKey()) }, bytes(e.getValue().json()),
						bytes(Long.toString(e.getValue().ttlMillis())), bytes(Long.toString(e.getValue().version()))))
				.toList());
			List<Boolean> written = new ArrayList<>(futures.size());
			for (RedisFuture<?> future : futures) {
				written.add(Boolean.TRUE.equals(written(AsyncPipeline.result(future))));
			}
			return written;
		}, null);
	}

	// One MGET; on a cluster connection Spring Data Redis splits it per hash slot.
	private List<String> mget(List<String> keys) {
		List<String> values = redis.opsForValue().multiGet(keys);
		return values == null ? Arrays.asList(new String[keys.size()]) : values;
	}

	private static Boolean written(@Nullable Object reply) {
		return reply instanceof Number number && number.longValue() == 1;
	}

	/** One entry of a batch write: its payload, TTL and entity version. */
	record Write(String json, long ttlMillis, long version) {
	}

	/**
	 * What {@link #getOrLock} found: the entry's value (no lock taken), or whether this caller now holds
	 * the lock (false: another loader does).
	 */
	record Claim(@Nullable String value, boolean locked) {

		static Claim of(List<?> reply) {
			long code = ((Number) reply.get(0)).longValue();
			return code == 1 ? new Claim((String) reply.get(1), false) : new Claim(null, code == 2);
		}

	}

	static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
