package dev.storefront.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.lettuce.core.RedisFuture;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Tag sets in Redis: {@code sf:cache:tag:{tag}} holds the entry keys carrying the tag and lives as
 * long as its longest member. Every command touches one key (or two with the same hash tag), so it
 * is cluster-safe; members are removed with pipelined single-key UNLINKs.
 */
final class TagIndex {

	static final RedisScript<Long> ADD = RedisScript.of(new ClassPathResource("scripts/cache/tag-add.lua"), Long.class);

	static final RedisScript<Long> DETACH = RedisScript.of(new ClassPathResource("scripts/cache/tag-detach.lua"),
			Long.class);

	private static final int BATCH = 500;

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	TagIndex(StringRedisTemplate redis, RedisGuard guard) {
		this.redis = redis;
		this.guard = guard;
	}

	void add(String cache, Collection<String> tags, String entryKey, long ttlMillis) {
		for (String tag : tags) {
			guard.run(cache, "tag", () -> redis.execute(ADD, List.of(CacheKeys.tag(tag)), entryKey,
					Long.toString(ttlMillis)));
		}
	}

	/**
	 * Detaches the tag's set atomically, then unlinks its members and tells {@code onRemoved} each
	 * removed entry key (to evict L1 here and on peers).
	 * @return how many entries were removed
	 */
	long invalidate(String tag, Consumer<List<String>> onRemoved) {
		String detached = CacheKeys.detachedTag(tag, UUID.randomUUID().toString());
		Long moved = guard.call("tags", "invalidate",
				() -> redis.execute(DETACH, List.of(CacheKeys.tag(tag), detached), "60000"), 0L);
		if (moved == null || moved == 0) {
			return 0;
		}
		return guard.call("tags", "invalidate", () -> unlinkMembers(detached, onRemoved), 0L);
	}

	private long unlinkMembers(String detached, Consumer<List<String>> onRemoved) {
		long total = 0;
		List<String> batch = new ArrayList<>(BATCH);
		try (Cursor<String> members = redis.opsForSet().scan(detached, ScanOptions.scanOptions().count(BATCH).build())) {
			while (members.hasNext()) {
				batch.add(members.next());
				if (batch.size() == BATCH) {
					total += unlink(batch, onRemoved);
				}
			}
		}
		total += unlink(batch, onRemoved);
		redis.unlink(detached);
		return total;
	}

	private long unlink(List<String> keys, Consumer<List<String>> onRemoved) {
		if (keys.isEmpty()) {
			return 0;
		}
		List<String> copy = List.copyOf(keys);
		AsyncPipeline.run(redis, L2Store.PIPELINE_TIMEOUT,
				async -> copy.stream().<RedisFuture<?>>map(key -> async.unlink(L2Store.bytes(key))).toList());
		onRemoved.accept(copy);
		keys.clear();
		return copy.size();
	}

}
