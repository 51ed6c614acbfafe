package dev.storefront.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.cluster.SlotHash;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis level: single-key commands behind the {@link RedisGuard}, so every failure is a miss.
 * Multi-key reads go one MGET per hash slot, all in one pipeline.
 */
final class L2Store {

	static final RedisScript<Long> UNLOCK = RedisScript.of(new ClassPathResource("scripts/cache/unlock.lua"),
			Long.class);

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
		return guard.call(cache, "mget", () -> mgetPerSlot(keys), none);
	}

	/** {@code SET key value PX ttl} for each entry, pipelined. */
	void setAll(String cache, Map<String, String> values, Map<String, Long> ttls) {
		guard.run(cache, "set", () -> redis.executePipelined((RedisCallback<Object>) connection -> {
			values.forEach((key, value) -> connection.stringCommands()
				.pSetEx(bytes(key), ttls.get(key), bytes(value)));
			return null;
		}));
	}

	private List<String> mgetPerSlot(List<String> keys) {
		Map<Integer, List<String>> bySlot = new LinkedHashMap<>();
		for (String key : keys) {
			bySlot.computeIfAbsent(SlotHash.getSlot(key), slot -> new ArrayList<>()).add(key);
		}
		List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
			bySlot.values()
				.forEach(group -> connection.stringCommands().mGet(group.stream().map(L2Store::bytes).toArray(byte[][]::new)));
			return null;
		});
		Map<String, String> found = new LinkedHashMap<>();
		int i = 0;
		for (List<String> group : bySlot.values()) {
			@SuppressWarnings("unchecked")
			List<String> values = (List<String>) replies.get(i++);
			for (int j = 0; j < group.size(); j++) {
				found.put(group.get(j), values.get(j));
			}
		}
		return keys.stream().map(found::get).toList();
	}

	static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
