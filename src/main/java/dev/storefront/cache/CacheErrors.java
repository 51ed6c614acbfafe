package dev.storefront.cache;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;

/**
 * A failing cache is a miss, never a failed request: errors are counted in
 * {@code storefront.cache.errors} and logged at debug.
 */
final class CacheErrors implements CacheErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(CacheErrors.class);

	private final Supplier<MeterRegistry> meters;

	CacheErrors(Supplier<MeterRegistry> meters) {
		this.meters = meters;
	}

	@Override
	public void handleCacheGetError(RuntimeException ex, Cache cache, Object key) {
		record(ex, cache, "get");
	}

	@Override
	public void handleCachePutError(RuntimeException ex, Cache cache, Object key, @Nullable Object value) {
		record(ex, cache, "put");
	}

	@Override
	public void handleCacheEvictError(RuntimeException ex, Cache cache, Object key) {
		record(ex, cache, "evict");
	}

	@Override
	public void handleCacheClearError(RuntimeException ex, Cache cache) {
		record(ex, cache, "clear");
	}

	private void record(RuntimeException ex, Cache cache, String op) {
		meters.get().counter("storefront.cache.errors", "cache", cache.getName(), "op", op).increment();
		log.debug("Cache {} {} failed: {}", cache.getName(), op, ex.toString());
	}

}
