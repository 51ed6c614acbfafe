package dev.storefront.cache;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes one entry of one cache: L1, then Redis (never over a newer version of the entity, releasing the
 * loader lock in the same round trip), then the tags (with the generations seen before the load). A write
 * that fails is remembered as an invalidation; see decision 0010 for why a first population publishes
 * nothing.
 */
final class EntryWriter {

	private final TwoLevelCache cache;

	private final CacheContext context;

	EntryWriter(TwoLevelCache cache, CacheContext context) {
		this.cache = cache;
		this.context = context;
	}

	/**
	 * @param held the loader lock to release with the write, or null
	 * @param publish whether peers must drop their L1 copies (false for a first population)
	 * @param generations the tags' generations read before the load; null skips the check
	 * @return whether the entry stands (false: a newer version or a tag invalidation won, L1 dropped it)
	 */
	boolean store(String key, CacheEntry entry, List<String> tags, @Nullable HeldLock held, boolean publish,
			@Nullable List<String> generations) {
		String name = cache.getName();
		String entryKey = CacheKeys.entry(name, key);
		String json;
		try {
			json = cache.encode(entry);
		}
		catch (RuntimeException ex) {
			cache.metrics().encodeErrors.increment();
			cache.putLocal(key, entry);
			return true;
		}
		CacheEntry weighed = entry.weighed(json);
		cache.putLocal(key, weighed);
		long ttl = entry.ttlMillis(System.currentTimeMillis());
		Boolean written;
		if (held != null && !held.released) {
			held.released = true;
			written = context.l2().setAndUnlock(name, entryKey, json, ttl, entry.version(), held.key, held.token);
		}
		else {
			written = context.l2().setIfNewer(name, entryKey, json, ttl, entry.version());
		}
		if (Boolean.FALSE.equals(written)) {
			// Redis holds a newer version (a write-through that committed while this load ran).
			cache.evictLocal(key);
			return false;
		}
		if (!tags.isEmpty() && !register(key, weighed, entryKey, tags, ttl, generations)) {
			return false;
		}
		if (written == null || (publish && !context.invalidations().publishEvict(name, key))) {
			context.pending().evict(name, key);
		}
		return true;
	}

	private boolean register(String key, CacheEntry entry, String entryKey, List<String> tags, long ttl,
			@Nullable List<String> generations) {
		String name = cache.getName();
		context.pending().tagged(name);
		TagIndex.Added added = context.tags().add(name, tags, entryKey, ttl, generations);
		if (added == TagIndex.Added.ADDED) {
			return true;
		}
		if (added == TagIndex.Added.FAILED) {
			// Redis is down: no tag invalidation can find this entry, so it stays in process only briefly
			// (l1.degraded-ttl), which spares the database a load per request while the outage lasts.
			// Recovery clears L1 and replays the evict everywhere.
			keepBriefly(key, entry);
			context.pending().evict(name, key);
			return false;
		}
		// A tag was invalidated while this value loaded (it may predate that change): the entry must not
		// outlive the tag's next invalidation.
		cache.evictLocal(key);
		if (!context.l2().unlink(name, entryKey)) {
			context.pending().evict(name, key);
		}
		return false;
	}

	private void keepBriefly(String key, CacheEntry entry) {
		long degradedTtl = cache.settings().l1().degradedTtl().toMillis();
		if (degradedTtl <= 0) {
			cache.evictLocal(key);
			return;
		}
		cache.putLocal(key, entry.until(System.currentTimeMillis() + degradedTtl));
	}

	/** A loader lock this thread holds; released once, by the write of the value or by an unlock. */
	static final class HeldLock {

		final String key;

		final String token;

		boolean released;

		HeldLock(String key, String token) {
			this.key = key;
			this.token = token;
		}

	}

}
