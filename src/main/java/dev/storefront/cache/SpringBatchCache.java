package dev.storefront.cache;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * {@link BatchCache} over any Spring CacheManager, for the {@code redis} and {@code none} modes: per-key
 * reads. A class of its own, not one object implementing both APIs: the bean of either type would then
 * also match the other and make injection ambiguous.
 */
final class SpringBatchCache implements BatchCache {

	private final CacheManager manager;

	private final Set<String> configured;

	/** @param configured the cache names under {@code storefront.cache.caches}; others are an error */
	SpringBatchCache(CacheManager manager, Set<String> configured) {
		this.manager = manager;
		this.configured = Set.copyOf(configured);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <K, V> Map<K, V> getAll(String cacheName, Collection<K> keys, Function<Set<K>, Map<K, V>> loader) {
		Cache cache = configured.contains(cacheName) ? manager.getCache(cacheName) : null;
		if (cache == null) {
			throw new UnknownCacheName(cacheName);
		}
		Map<K, V> found = new LinkedHashMap<>();
		Set<K> missing = new LinkedHashSet<>();
		for (K key : keys) {
			Cache.ValueWrapper wrapper = cache.get(key);
			if (wrapper == null) {
				missing.add(key);
			}
			else if (wrapper.get() != null) {
				found.put(key, (V) wrapper.get());
			}
		}
		if (!missing.isEmpty()) {
			Map<K, V> loaded = loader.apply(missing);
			loaded.forEach(cache::put);
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
