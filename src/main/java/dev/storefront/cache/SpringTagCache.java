package dev.storefront.cache;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * {@link TagCache} over any Spring CacheManager, for the {@code redis} and {@code none} modes: no tag
 * tracking (invalidating a tag clears the caches used with tags).
 */
final class SpringTagCache implements TagCache {

	private final CacheManager manager;

	private final Set<String> configured;

	private final Set<String> taggedCaches = ConcurrentHashMap.newKeySet();

	/** @param configured the cache names under {@code storefront.cache.caches}; others are an error */
	SpringTagCache(CacheManager manager, Set<String> configured) {
		this.manager = manager;
		this.configured = Set.copyOf(configured);
	}

	@Override
	public <T> T get(String cacheName, Object key, Collection<String> tags, Supplier<T> loader) {
		// NoOpCacheManager makes up a cache for any name: check against the configuration.
		Cache cache = configured.contains(cacheName) ? manager.getCache(cacheName) : null;
		if (cache == null) {
			throw new UnknownCacheName(cacheName);
		}
		taggedCaches.add(cacheName);
		return LoaderExceptions.unwrapped(() -> cache.get(key, loader::get));
	}

	@Override
	public long invalidate(String tag) {
		for (String name : taggedCaches) {
			Cache cache = manager.getCache(name);
			if (cache != null) {
				// invalidate, not clear: clear may be deferred (RedisCache), and the next read must reload.
				cache.invalidate();
			}
		}
		return -1;
	}

}
