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

	private final Set<String> taggedCaches = ConcurrentHashMap.newKeySet();

	SpringTagCache(CacheManager manager) {
		this.manager = manager;
	}

	@Override
	public <T> T get(String cacheName, Object key, Collection<String> tags, Supplier<T> loader) {
		Cache cache = manager.getCache(cacheName);
		if (cache == null) {
			return loader.get();
		}
		taggedCaches.add(cacheName);
		try {
			return cache.get(key, loader::get);
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
		for (String name : taggedCaches) {
			Cache cache = manager.getCache(name);
			if (cache != null) {
				cache.clear();
			}
		}
		return -1;
	}

}
