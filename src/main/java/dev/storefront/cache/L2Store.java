package dev.storefront.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisFuture;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis level: single-key commands behind the {@link RedisGuard}, so every failure is a miss.
 * Multi-key reads are one MGET (split per hash slot on a cluster); writes are pipelined.
 */
final class L2Store {

	static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(1);

	static final RedisScript<Long> UNLOCK = RedisScript.of(new ClassPathResource("scripts/cache/unlock.lua"),
			Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> GET_OR_LOCK = RedisScript
		.of(new ClassPathResource("scripts/cache/get-or-lock.lua"), List.class);

	static final RedisScript<Long> SET_AND_UNLOCK = RedisScript
		.of(new ClassPathResource("scripts/cache/set-and-unlock.lua"), Long.class);

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

	void set(String cache, String key, String value, long ttlMillis) {
		guard.run(cache, "set", () -> redis.opsForValue().set(key, value, Duration.ofMillis(ttlMillis)));
	}

	void unlink(String cache, String key) {
		guard.run(cache, "unlink", () -> redis.unlink(key));
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
		return guard.call(cache, "get-or-lock",
				() -> Claim.of(redis.execute(GET_OR_LOCK, List.of(entry, lock), token, Long.toString(ttl.toMillis()))),
				null);
	}

	/** Writes a loaded entry and releases the caller's loader lock in one round trip. */
	void setAndUnlock(String cache, String entry, String value, long ttlMillis, String lock, String token) {
		guard.run(cache, "set", () -> redis.execute(SET_AND_UNLOCK, List.of(entry, lock), value,
				Long.toString(ttlMillis), token));
	}

	boolean exists(String cache, String key) {
		return guard.call(cache, "exists", () -> Boolean.TRUE.equals(redis.hasKey(key)), false);
	}

	void unlock(String cache, String lock, String token) {
		guard.run(cache, "unlock", () -> redis.execute(UNLOCK, List.of(lock), token));
	}

	void publish(String cache, String channel, String message) {
		guard.run(cache, "publish", () -> redis.convertAndSend(channel, message));
	}

	/** The values of {@code keys} in order (null where absent); all null if Redis failed. */
	List<String> multiGet(String cache, List<String> keys) {
		List<String> none = Arrays.asList(new String[keys.size()]);
		return guard.call(cache, "mget", () -> mget(keys), none);
	}

	/** {@code SET key value PX ttl} for each entry, pipelined. */
	void setAll(String cache, Map<String, String> values, Map<String, Long> ttls) {
		guard.run(cache, "set", () -> AsyncPipeline.run(redis, PIPELINE_TIMEOUT, async -> values.entrySet()
			.stream()
			.<RedisFuture<?>>map(e -> async.psetex(bytes(e.getKey()), ttls.get(e.getKey()), bytes(e.getValue())))
			.toList()));
	}

	// One MGET; on a cluster connection Spring Data Redis splits it per hash slot.
	private List<String> mget(List<String> keys) {
		List<String> values = redis.opsForValue().multiGet(keys);
		return values == null ? Arrays.asList(new String[keys.size()]) : values;
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
