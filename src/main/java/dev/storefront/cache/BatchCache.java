package dev.storefront.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Multi-key reads: the in-process level first, then Redis with one round trip per hash slot, then
 * one call of the loader for everything still missing, written back pipelined.
 */
public interface BatchCache {

	/**
	 * The values of {@code keys} found in cache {@code cache} or by {@code loader}; keys that the loader
	 * does not return are absent from the result (and cached as "not found" for the cache's null-ttl).
	 */
	<K, V> Map<K, V> getAll(String cache, Collection<K> keys, Function<Set<K>, Map<K, V>> loader);

}
