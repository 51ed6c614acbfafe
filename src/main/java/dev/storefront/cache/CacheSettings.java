package dev.storefront.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The settings of one cache, under {@code storefront.cache.caches.<name>}.
 *
 * @param type the value type as a Jackson canonical type name, e.g. {@code dev.storefront.catalog.Product} or
 * {@code java.util.List<dev.storefront.catalog.Category>}; values are written as plain typed JSON
 * @param ttl how long an entry is fresh
 * @param ttlJitter a random extra of up to this fraction of {@code ttl} (0.1 = 10%), so keys written
 * together do not expire together
 * @param l1 the in-process level
 * @param nullTtl how long "not found" is cached; 0 turns negative caching off
 * @param staleTtl how long after {@code ttl} a stale entry is still served while one refresh runs; 0 turns it off
 * @param earlyRefreshBeta XFetch weight: above 0, hot entries are refreshed early with a probability that
 * grows as expiry nears and with the measured load time; 0 turns it off
 * @param prewarmOnExpiry reload an entry in the background when Redis reports it expired
 */
record CacheSettings(String type, @DefaultValue("15m") Duration ttl, @DefaultValue("0.1") double ttlJitter,
		@DefaultValue L1 l1, @DefaultValue("30s") Duration nullTtl, @DefaultValue("0s") Duration staleTtl,
		@DefaultValue("0") double earlyRefreshBeta, @DefaultValue("false") boolean prewarmOnExpiry) {

	CacheSettings {
		if (ttlJitter < 0 || ttlJitter > 1) {
			throw new IllegalArgumentException("ttl-jitter must be between 0 and 1");
		}
	}

	/**
	 * @param maxSize most entries held in process (ignored when {@code maxWeight} is set)
	 * @param ttl how long an entry stays in process; peers' writes evict it sooner via pub/sub
	 * @param maxWeight if set, bounds the in-process level by the estimated heap bytes of its entries
	 * (about twice their JSON length) instead of by count: for values whose size callers control
	 * @param degradedTtl how long a tagged entry (a listing page) stays in process when Redis could not register
	 * its tags (Redis down): no tag invalidation can find it then, so this bounds how stale it can get, while
	 * sparing the database a load per request for the length of the outage; 0 drops it at once
	 */
	record L1(@DefaultValue("10000") long maxSize, @DefaultValue("30s") Duration ttl, @Nullable DataSize maxWeight,
			@DefaultValue("1s") Duration degradedTtl) {
	}

}
