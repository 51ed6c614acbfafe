package dev.storefront.cache;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one cache, created once so the hot path only increments.
 */
final class CacheMetrics {

	final String cache;

	final Counter l1Hit;

	final Counter l1Miss;

	final Counter l2Hit;

	final Counter l2Miss;

	final Counter loadSuccess;

	final Counter loadFailure;

	final Timer loadDuration;

	final Counter staleServed;

	final Counter refreshSuccess;

	final Counter refreshFailure;

	final Counter refreshSkipped;

	final Counter evictions;

	final Counter decodeErrors;

	final Counter encodeErrors;

	CacheMetrics(String cache, MeterRegistry meters) {
		this.cache = cache;
		this.l1Hit = gets(meters, cache, "l1", "hit");
		this.l1Miss = gets(meters, cache, "l1", "miss");
		this.l2Hit = gets(meters, cache, "l2", "hit");
		this.l2Miss = gets(meters, cache, "l2", "miss");
		this.loadSuccess = meters.counter("storefront.cache.loads", "cache", cache, "result", "success");
		this.loadFailure = meters.counter("storefront.cache.loads", "cache", cache, "result", "failure");
		this.loadDuration = Timer.builder("storefront.cache.load.duration").tag("cache", cache).register(meters);
		this.staleServed = meters.counter("storefront.cache.stale.served", "cache", cache);
		this.refreshSuccess = meters.counter("storefront.cache.refreshes", "cache", cache, "result", "success");
		this.refreshFailure = meters.counter("storefront.cache.refreshes", "cache", cache, "result", "failure");
		this.refreshSkipped = meters.counter("storefront.cache.refreshes", "cache", cache, "result", "skipped");
		this.evictions = meters.counter("storefront.cache.evictions", "cache", cache);
		this.decodeErrors = meters.counter("storefront.cache.errors", "cache", cache, "op", "decode");
		this.encodeErrors = meters.counter("storefront.cache.errors", "cache", cache, "op", "encode");
	}

	void loaded(long nanos, boolean success) {
		(success ? loadSuccess : loadFailure).increment();
		loadDuration.record(nanos, TimeUnit.NANOSECONDS);
	}

	private static Counter gets(MeterRegistry meters, String cache, String level, String result) {
		return meters.counter("storefront.cache.gets", "cache", cache, "level", level, "result", result);
	}

}
