package dev.storefront.cache;

import java.util.Collection;
import java.util.Map;

import org.springframework.cache.Cache;
import org.springframework.cache.transaction.AbstractTransactionSupportingCacheManager;

/**
 * The two-level caches, one per configured name. Transaction-aware: inside a transaction, puts and
 * evictions (including {@code @CachePut}/{@code @CacheEvict}) happen after commit, so a rolled-back
 * write never reaches the cache.
 */
final class TwoLevelCacheManager extends AbstractTransactionSupportingCacheManager {

	private final Map<String, TwoLevelCache> caches;

	TwoLevelCacheManager(Map<String, TwoLevelCache> caches) {
		this.caches = Map.copyOf(caches);
		setTransactionAware(true);
	}

	@Override
	protected Collection<? extends Cache> loadCaches() {
		return caches.values();
	}

	/** The undecorated cache, for batch and tag reads; null if not configured. */
	TwoLevelCache raw(String name) {
		return caches.get(name);
	}

	Collection<TwoLevelCache> all() {
		return caches.values();
	}

}
