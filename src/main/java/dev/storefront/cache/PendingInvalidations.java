package dev.storefront.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Invalidations that did not reach Redis (a put, evict, clear or tag invalidation that failed or was
 * skipped by the open breaker), remembered in memory until {@link InvalidationReplay} has applied them.
 * Bounded: past {@code capacity} remembered keys a cache is marked for a full clear instead, and a tag
 * marks every tagged cache. Until then this instance reads none of the affected entries from Redis.
 */
final class PendingInvalidations {

	private final int capacity;

	private final AtomicInteger size = new AtomicInteger();

	private final Map<String, Set<String>> keys = new ConcurrentHashMap<>();

	private final Set<String> clears = ConcurrentHashMap.newKeySet();

	/** Tag to the detached set name of the failed attempt (the detach may have run before the failure). */
	private final Map<String, String> tags = new ConcurrentHashMap<>();

	private final Set<String> taggedCaches = ConcurrentHashMap.newKeySet();

	// Any pending work at all: the one volatile read the hot path pays while Redis is healthy. Writers
	// synchronize (failures are rare), so the flag never drops work that was added concurrently.
	private volatile boolean any;

	PendingInvalidations(int capacity) {
		this.capacity = capacity;
	}

	synchronized void evict(String cache, String key) {
		if (clears.contains(cache)) {
			return;
		}
		Set<String> pending = keys.computeIfAbsent(cache, name -> ConcurrentHashMap.newKeySet());
		if (size.get() >= capacity) {
			clear(cache);
			return;
		}
		if (pending.add(key)) {
			size.incrementAndGet();
		}
		any = true;
	}

	synchronized void clear(String cache) {
		clears.add(cache);
		Set<String> dropped = keys.remove(cache);
		if (dropped != null) {
			size.addAndGet(-dropped.size());
		}
		any = true;
	}

	synchronized void tag(String tag, String detached) {
		if (tags.size() >= capacity) {
			taggedCaches.forEach(this::clear);
			return;
		}
		tags.put(tag, detached);
		any = true;
	}

	/** Records that {@code cache} holds tagged entries (a pending tag invalidation may concern it). */
	void tagged(String cache) {
		if (!taggedCaches.contains(cache)) {
			taggedCaches.add(cache);
		}
	}

	boolean isEmpty() {
		return !any;
	}

	/** Whether the Redis copy of this entry may be stale: read past it and load instead. */
	boolean blocks(String cache, String key) {
		if (!any) {
			return false;
		}
		if (clears.contains(cache) || (!tags.isEmpty() && taggedCaches.contains(cache))) {
			return true;
		}
		Set<String> pending = keys.get(cache);
		return pending != null && pending.contains(key);
	}

	Set<String> clears() {
		return Set.copyOf(clears);
	}

	synchronized void cleared(String cache) {
		clears.remove(cache);
		settle();
	}

	List<String> pendingKeys(String cache) {
		Set<String> pending = keys.get(cache);
		return pending == null ? List.of() : List.copyOf(pending);
	}

	Set<String> cachesWithKeys() {
		return Set.copyOf(keys.keySet());
	}

	synchronized void evicted(String cache, List<String> done) {
		Set<String> pending = keys.get(cache);
		if (pending != null) {
			for (String key : done) {
				if (pending.remove(key)) {
					size.decrementAndGet();
				}
			}
		}
		settle();
	}

	Map<String, String> tags() {
		return Map.copyOf(tags);
	}

	synchronized void invalidated(String tag, @Nullable String detached) {
		tags.remove(tag, detached);
		settle();
	}

	int size() {
		return size.get() + tags.size() + clears.size();
	}

	private synchronized void settle() {
		keys.values().removeIf(Set::isEmpty);
		any = size.get() > 0 || !tags.isEmpty() || !clears.isEmpty();
	}

}
