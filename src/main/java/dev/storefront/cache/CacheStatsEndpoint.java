package dev.storefront.cache;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/cachestats} (ADMIN): per cache, the hit ratio of each level and overall, from
 * the {@code storefront.cache.gets} counters of this instance since it started.
 */
@Component
@Endpoint(id = "cachestats")
class CacheStatsEndpoint {

	private final CacheManager caches;

	private final MeterRegistry meters;

	CacheStatsEndpoint(CacheManager caches, MeterRegistry meters) {
		this.caches = caches;
		this.meters = meters;
	}

	@ReadOperation
	Map<String, CacheStats> stats() {
		Map<String, CacheStats> stats = new LinkedHashMap<>();
		for (String name : caches.getCacheNames()) {
			long l1Hits = count(name, "l1", "hit");
			long l1Misses = count(name, "l1", "miss");
			long l2Hits = count(name, "l2", "hit");
			long l2Misses = count(name, "l2", "miss");
			stats.put(name, new CacheStats(l1Hits + l1Misses, ratio(l1Hits, l1Misses), ratio(l2Hits, l2Misses),
					ratio(l1Hits + l2Hits, l2Misses)));
		}
		return stats;
	}

	private long count(String cache, String level, String result) {
		Counter counter = meters.find("storefront.cache.gets")
			.tags("cache", cache, "level", level, "result", result)
			.counter();
		return counter == null ? 0 : (long) counter.count();
	}

	private static Double ratio(long hits, long misses) {
		return hits + misses == 0 ? null : (double) hits / (hits + misses);
	}

	/**
	 * @param gets reads of this cache
	 * @param l1HitRatio share of reads served in process
	 * @param l2HitRatio share of L1 misses served by Redis
	 * @param hitRatio share of reads served without a load
	 */
	record CacheStats(long gets, Double l1HitRatio, Double l2HitRatio, Double hitRatio) {
	}

}
