package dev.storefront.cache;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.cache.Cache;

/**
 * Tags on the two-level caches: entries are registered in Redis tag sets when stored; invalidation
 * removes the members in Redis and evicts their L1 copies here and, over pub/sub, everywhere.
 */
final class TwoLevelTagCache implements TagCache {

	private final TwoLevelCacheManager manager;

	private final CacheContext context;

	TwoLevelTagCache(TwoLevelCacheManager manager, CacheContext context) {
		this.manager = manager;
		this.context = context;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(String cache, Object key, Collection<String> tags, Supplier<T> loader) {
		TwoLevelCache target = manager.raw(cache);
		if (target == null) {
			throw new IllegalArgumentException("No cache named " + cache);
		}
		try {
			return (T) target.get(TwoLevelCache.keyOf(key), loader::get, tags);
		}
		catch (Cache.ValueRetrievalException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	@Override
	public long invalidate(String tag) {
		return context.tags().invalidate(tag, this::evictEverywhere);
	}

	private void evictEverywhere(List<String> entryKeys) {
		for (String entryKey : entryKeys) {
			String[] parsed = CacheKeys.parseEntry(entryKey);
			TwoLevelCache cache = parsed == null ? null : manager.raw(parsed[0]);
			if (cache != null) {
				cache.evictLocal(parsed[1]);
				context.invalidations().publishEvict(parsed[0], parsed[1]);
			}
		}
	}

}
