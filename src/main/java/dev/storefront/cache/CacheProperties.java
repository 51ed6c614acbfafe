package dev.storefront.cache;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cache settings.
 *
 * @param mode {@code two-level} (default), {@code redis} (Spring's stock RedisCacheManager, same TTLs)
 * or {@code none}
 * @param lock the cross-instance loader lock
 * @param refreshThreads threads that run background refreshes (stale-while-revalidate, XFetch, pre-warm)
 * @param pendingInvalidations most failed invalidations (keys and tags) remembered for replay once Redis is back;
 * past it the whole cache is cleared on recovery
 * @param invalidationChannels on a Redis Cluster, how many sharded channels ({@code SSUBSCRIBE}) carry the L1
 * invalidations, chosen by key hash and spread over the masters' slots; every instance subscribes to all of them
 * (decision 0090). Standalone and Sentinel use the one classic channel.
 * @param caches the caches, by name; a name that is not listed here is an error, not an untyped cache
 */
@ConfigurationProperties("storefront.cache")
record CacheProperties(@DefaultValue("two-level") Mode mode, @DefaultValue Lock lock,
		@DefaultValue("2") int refreshThreads, @DefaultValue("10000") int pendingInvalidations,
		@DefaultValue("16") int invalidationChannels, Map<String, CacheSettings> caches) {

	CacheProperties {
		if (invalidationChannels < 1) {
			throw new IllegalArgumentException("storefront.cache.invalidation-channels must be at least 1");
		}
		caches = caches == null ? Map.of() : Map.copyOf(caches);
	}

	CacheSettings settings(String name) {
		CacheSettings settings = caches.get(name);
		if (settings == null) {
			throw new IllegalArgumentException("No cache named " + name + " under storefront.cache.caches");
		}
		return settings;
	}

	/** Which CacheManager runs. */
	enum Mode {

		TWO_LEVEL, REDIS, NONE

	}

	/**
	 * @param ttl lifetime of the {@code SET NX PX} loader lock; a waiter takes over once a dead loader's lock expires
	 * @param maxWait the longest a waiter waits for another instance's load before loading itself
	 * @param pollInterval how often a waiter looks for the value in Redis
	 */
	record Lock(@DefaultValue("5s") Duration ttl, @DefaultValue("6s") Duration maxWait,
			@DefaultValue("10ms") Duration pollInterval) {
	}

}
