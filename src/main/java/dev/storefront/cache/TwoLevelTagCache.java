package dev.storefront.cache;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

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
		List<String> tagList = List.copyOf(tags);
		return LoaderExceptions.unwrapped(() -> (T) target.get(TwoLevelCache.keyOf(key), loader::get, tagList));
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
