package dev.storefront.cache;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * {@link TagCache} and {@link BatchCache} over any Spring CacheManager, for the {@code redis} and
 * {@code none} modes: no tag tracking (invalidating a tag clears the caches used with tags) and
 * per-key batch reads.
 */
final class SpringCacheAdapters implements TagCache, BatchCache {

	private final CacheManager manager;

	private final Set<String> taggedCaches = ConcurrentHashMap.newKeySet();

	SpringCacheAdapters(CacheManager manager) {
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

	@Override
	@SuppressWarnings("unchecked")
	public <K, V> Map<K, V> getAll(String cacheName, Collection<K> keys, Function<Set<K>, Map<K, V>> loader) {
		Cache cache = manager.getCache(cacheName);
		Map<K, V> found = new LinkedHashMap<>();
		Set<K> missing = new LinkedHashSet<>();
		for (K key : keys) {
			Cache.ValueWrapper wrapper = cache == null ? null : cache.get(key);
			if (wrapper == null) {
				missing.add(key);
			}
			else if (wrapper.get() != null) {
				found.put(key, (V) wrapper.get());
			}
		}
		if (!missing.isEmpty()) {
			Map<K, V> loaded = loader.apply(missing);
			if (cache != null) {
				loaded.forEach(cache::put);
			}
			found.putAll(loaded);
		}
		Map<K, V> ordered = new LinkedHashMap<>();
		keys.forEach(key -> {
			if (found.containsKey(key)) {
				ordered.put(key, found.get(key));
			}
		});
		return ordered;
	}

}
