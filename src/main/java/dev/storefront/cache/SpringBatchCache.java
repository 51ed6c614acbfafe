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

	SpringBatchCache(CacheManager manager) {
		this.manager = manager;
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
