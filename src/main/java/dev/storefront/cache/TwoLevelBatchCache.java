package dev.storefront.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Batch reads on a two-level cache: L1, then one pipelined MGET per slot, then one loader call, then a
 * pipelined write-back. Stale entries are served as they are (there is no per-key loader to refresh
 * them with); they still expire at their physical TTL.
 */
final class TwoLevelBatchCache implements BatchCache {

	private final TwoLevelCacheManager manager;

	private final CacheContext context;

	TwoLevelBatchCache(TwoLevelCacheManager manager, CacheContext context) {
		this.manager = manager;
		this.context = context;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <K, V> Map<K, V> getAll(String cacheName, Collection<K> keys, Function<Set<K>, Map<K, V>> loader) {
		TwoLevelCache cache = manager.raw(cacheName);
		if (cache == null) {
			throw new UnknownCacheName(cacheName);
		}
		Map<K, CacheEntry> found = new HashMap<>();
		List<K> missing = new ArrayList<>();
		Set<K> unresolvedUpFront = new LinkedHashSet<>();
		long now = System.currentTimeMillis();
		for (K key : new LinkedHashSet<>(keys)) {
			CacheEntry entry = cache.peekLocal(TwoLevelCache.keyOf(key));
			if (entry == null && context.pending().blocks(cacheName, TwoLevelCache.keyOf(key))) {
				// Redis's copy may be stale (a failed invalidation): load it.
				cache.metrics().l1Miss.increment();
				unresolvedUpFront.add(key);
				continue;
			}
			if (entry != null && !entry.expired(now)) {
				cache.metrics().l1Hit.increment();
				found.put(key, entry);
			}
			else {
				cache.metrics().l1Miss.increment();
				missing.add(key);
			}
		}
		Set<K> unresolved = fromRedis(cache, missing, found);
		unresolved.addAll(unresolvedUpFront);
		if (!unresolved.isEmpty()) {
			load(cache, unresolved, loader, found);
		}
		Map<K, V> result = new LinkedHashMap<>();
		for (K key : keys) {
			CacheEntry entry = found.get(key);
			if (entry != null && entry.value() != null) {
				result.put(key, (V) entry.value());
			}
		}
		return result;
	}

	private <K> Set<K> fromRedis(TwoLevelCache cache, List<K> missing, Map<K, CacheEntry> found) {
		Set<K> unresolved = new LinkedHashSet<>();
		if (missing.isEmpty()) {
			return unresolved;
		}
		List<String> entryKeys = missing.stream()
			.map(key -> CacheKeys.entry(cache.getName(), TwoLevelCache.keyOf(key)))
			.toList();
		List<String> payloads = context.l2().multiGet(cache.getName(), entryKeys);
		for (int i = 0; i < missing.size(); i++) {
			CacheEntry entry = cache.decode(entryKeys.get(i), payloads.get(i));
			if (entry == null) {
				cache.metrics().l2Miss.increment();
				unresolved.add(missing.get(i));
			}
			else {
				cache.metrics().l2Hit.increment();
				cache.putLocal(TwoLevelCache.keyOf(missing.get(i)), entry);
				found.put(missing.get(i), entry);
			}
		}
		return unresolved;
	}

	private <K, V> void load(TwoLevelCache cache, Set<K> unresolved, Function<Set<K>, Map<K, V>> loader,
			Map<K, CacheEntry> found) {
		long started = System.nanoTime();
		Map<K, V> loaded;
		try {
			loaded = loader.apply(unresolved);
		}
		catch (RuntimeException ex) {
			cache.metrics().loaded(System.nanoTime() - started, false);
			throw ex;
		}
		long nanos = System.nanoTime() - started;
		cache.metrics().loaded(nanos, true);
		Map<String, L2Store.Write> writes = new LinkedHashMap<>();
		List<String> written = new ArrayList<>();
		long now = System.currentTimeMillis();
		for (K key : unresolved) {
			CacheEntry entry = CacheEntry.fresh(loaded.get(key), cache.settings(), Math.max(1, nanos / 1_000_000), now);
			if (entry == null) {
				continue;
			}
			String k = TwoLevelCache.keyOf(key);
			String json = cache.encode(entry);
			cache.putLocal(k, entry.weighed(json));
			found.put(key, entry);
			writes.put(CacheKeys.entry(cache.getName(), k), new L2Store.Write(json, entry.ttlMillis(now), entry.version()));
			written.add(k);
		}
		if (!writes.isEmpty()) {
			writeBack(cache, writes, written);
		}
	}

	/** Never over a newer version: an entry Redis kept is dropped from L1 (it is older than Redis's). */
	private void writeBack(TwoLevelCache cache, Map<String, L2Store.Write> writes, List<String> keys) {
		List<Boolean> stored = context.l2().setAllIfNewer(cache.getName(), writes);
		if (stored == null) {
			return;
		}
		for (int i = 0; i < keys.size(); i++) {
			if (!stored.get(i)) {
				cache.evictLocal(keys.get(i));
			}
		}
	}

}
