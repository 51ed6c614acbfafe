package dev.storefront.cache;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What every two-level cache of one instance shares.
 */
record CacheContext(MeterRegistry meters, L2Store l2, Invalidations invalidations, KeyScanner scanner,
		Refresher refresher, TagIndex tags, Prewarmer prewarmer, PendingInvalidations pending) {
}
