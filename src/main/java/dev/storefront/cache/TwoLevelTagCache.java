package dev.storefront.cache;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.cache.Cache;

/**
 * Tags on the two-level caches: entries are registered in Redis tag sets when stored (unless a tag was
 * invalidated while they loaded); invalidation removes the members in Redis and evicts their L1 copies
 * here and, over pub/sub, everywhere. An invalidation that fails is replayed once Redis is back.
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
			throw new UnknownCacheName(cache);
		}
		try {
			return (T) target.get(TwoLevelCache.keyOf(key), loader::get, List.copyOf(tags));
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
		String detached = TagIndex.newDetached(tag);
		long removed = context.tags().invalidate(tag, detached, context.invalidations()::evictEntries);
		if (removed < 0) {
			context.pending().tag(tag, detached);
			return 0;
		}
		return removed;
	}

}
