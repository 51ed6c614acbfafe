package dev.storefront.cache;

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * One cached value with its logical and physical lifetimes (epoch milliseconds).
 *
 * @param value the value; null when "not found" is cached
 * @param freshUntil until when the value is served without a refresh
 * @param expiresAt when the entry is gone (Redis drops it then too): {@code freshUntil + stale-ttl}
 * @param loadMillis how long the load took, which weights XFetch
 * @param version the entity version of a {@link Versioned} value, else {@link #NO_VERSION}
 * @param weight the estimated heap bytes of the entry in L1 (not stored in Redis)
 */
record CacheEntry(Object value, long freshUntil, long expiresAt, long loadMillis, long version, int weight) {

	/** The version of a null or unversioned value: it never replaces a versioned one in Redis. */
	static final long NO_VERSION = -1;

	/**
	 * A fresh entry with a jittered TTL, or null when the value is null and negative caching is off.
	 */
	static @Nullable CacheEntry fresh(@Nullable Object value, CacheSettings settings, long loadMillis, long now) {
		if (value == null) {
			long nullTtl = settings.nullTtl().toMillis();
			return nullTtl <= 0 ? null : new CacheEntry(null, now + nullTtl, now + nullTtl, loadMillis, NO_VERSION, 0);
		}
		long ttl = settings.ttl().toMillis();
		long fresh = now + ttl + (long) (ttl * settings.ttlJitter() * ThreadLocalRandom.current().nextDouble());
		long version = value instanceof Versioned versioned ? versioned.version() : NO_VERSION;
		return new CacheEntry(value, fresh, fresh + settings.staleTtl().toMillis(), loadMillis, version, 0);
	}

	/** The same entry weighed by its encoded form: about two heap bytes per JSON character, plus overhead. */
	CacheEntry weighed(String json) {
		return new CacheEntry(value, freshUntil, expiresAt, loadMillis, version, 64 + 2 * json.length());
	}

	/** The same entry, fresh and kept no later than {@code until}. */
	CacheEntry until(long until) {
		return new CacheEntry(value, Math.min(freshUntil, until), Math.min(expiresAt, until), loadMillis, version,
				weight);
	}

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
