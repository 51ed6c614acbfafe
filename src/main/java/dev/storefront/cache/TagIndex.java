package dev.storefront.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.lettuce.core.RedisFuture;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Tag sets in Redis: {@code sf:cache:tag:{tag}} holds the entry keys carrying the tag and lives as
 * long as its longest member; {@code sf:cache:tag:{tag}:gen} counts the tag's invalidations, so that a
 * load that began before an invalidation does not register (and its entry is removed). Every command
 * touches one hash tag, so it is cluster-safe; members are removed with pipelined single-key UNLINKs.
 */
final class TagIndex {

	private static final int BATCH = 500;

	// Long enough that no load outlives it; a generation that expired reads as "changed", never as "same".
	private static final String GENERATION_TTL = Long.toString(24 * 3600 * 1000L);

	/** What {@link #add} did. */
	enum Added {

		/** Registered under every tag. */
		ADDED,

		/** A tag was invalidated after the load began: the entry must go. */
		STALE,

		/** Redis failed: the registration is unknown. */
		FAILED

	}

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	TagIndex(StringRedisTemplate redis, RedisGuard guard) {
		this.redis = redis;
		this.guard = guard;
	}

	/**
	 * The current generation of each tag, read before a load; null if Redis failed (the load then
	 * registers without the check).
	 */
	@Nullable List<String> generations(String cache, List<String> tags) {
		List<String> keys = tags.stream().map(CacheKeys::tagGeneration).toList();
		return guard.call(cache, "tag", () -> {
			List<String> values = redis.opsForValue().multiGet(keys);
			return values == null ? null : values.stream().map(v -> v == null ? "0" : v).toList();
		}, null);
	}

	Added add(String cache, List<String> tags, String entryKey, long ttlMillis, @Nullable List<String> generations) {
		for (int i = 0; i < tags.size(); i++) {
			String tag = tags.get(i);
			String seen = generations == null ? "" : generations.get(i);
			Long added = guard.call(cache, "tag", () -> redis.execute(CacheScripts.TAG_ADD,
					List.of(CacheKeys.tag(tag), CacheKeys.tagGeneration(tag)), entryKey, Long.toString(ttlMillis), seen),
					null);
			if (added == null) {
				return Added.FAILED;
			}
			if (added == 0) {
				return Added.STALE;
			}
		}
		return Added.ADDED;
	}

	/** A detached-set name for one invalidation attempt; remembered if the attempt fails. */
	static String newDetached(String tag) {
		return CacheKeys.detachedTag(tag, UUID.randomUUID().toString());
	}

	/**
	 * Bumps the tag's generation and detaches its set atomically, then unlinks its members and tells
	 * {@code onRemoved} each removed entry key (to evict L1 here and on peers).
	 * @return how many entries were removed, or -1 if Redis failed part-way
	 */
	long invalidate(String tag, String detached, Consumer<List<String>> onRemoved) {
		Long moved = guard.call("tags", "invalidate", () -> redis.execute(CacheScripts.TAG_DETACH,
				List.of(CacheKeys.tag(tag), detached, CacheKeys.tagGeneration(tag)), GENERATION_TTL), null);
		if (moved == null) {
			return -1;
		}
		return moved == 0 ? 0 : unlinkDetached(detached, onRemoved);
	}

	/** Unlinks the members of a detached set left by a failed attempt (none if it never got detached). */
	long unlinkDetached(String detached, Consumer<List<String>> onRemoved) {
		Long removed = guard.call("tags", "invalidate", () -> unlinkMembers(detached, onRemoved), null);
		return removed == null ? -1 : removed;
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
