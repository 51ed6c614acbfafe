package dev.storefront.cache;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One cached value with its logical and physical lifetimes (epoch milliseconds).
 *
 * @param value the value; null when "not found" is cached
 * @param freshUntil until when the value is served without a refresh
 * @param expiresAt when the entry is gone (Redis drops it then too): {@code freshUntil + stale-ttl}
 * @param loadMillis how long the load took, which weights XFetch
 */
record CacheEntry(Object value, long freshUntil, long expiresAt, long loadMillis) {

	boolean expired(long now) {
		return now >= expiresAt;
	}

	boolean stale(long now) {
		return now >= freshUntil;
	}

	/**
	 * XFetch (Vattani et al.): refresh early with probability rising as {@code freshUntil} nears,
	 * scaled by the load time, so one request refreshes a hot key before the herd sees it expire.
	 */
	boolean refreshEarly(long now, double beta) {
		if (beta <= 0 || value == null || loadMillis <= 0) {
			return false;
		}
		double gap = -loadMillis * beta * Math.log(ThreadLocalRandom.current().nextDouble(Double.MIN_VALUE, 1.0));
		return now + gap >= freshUntil;
	}

	long ttlMillis(long now) {
		return Math.max(1, expiresAt - now);
	}

}
