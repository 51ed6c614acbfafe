package dev.storefront.analytics;

import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import dev.storefront.catalog.Product;
import dev.storefront.catalog.ProductService;

/**
 * Each user's most recently viewed products, newest first, without duplicates: one capped Redis list
 * per user, updated by one script.
 */
@Service
class RecentlyViewed {

	private final StringRedisTemplate redis;

	private final ProductService products;

	private final AnalyticsProperties properties;

	private final AnalyticsRecorder recorder;

	RecentlyViewed(StringRedisTemplate redis, ProductService products, AnalyticsProperties properties,
			AnalyticsRecorder recorder) {
		this.redis = redis;
		this.products = products;
		this.properties = properties;
		this.recorder = recorder;
	}

	/** Queued: the list moves when the recorder's next batch is written. */
	void record(long userId, long productId) {
		recorder.recentlyViewed(userId, productId);
	}

	/** The products, newest view first; products deleted since are left out. */
	List<Product> of(long userId) {
		List<String> ids = redis.opsForList().range(AnalyticsKeys.recentlyViewed(userId), 0,
				properties.recentlyViewedSize() - 1);
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		return products.findAll(ids.stream().map(Long::valueOf).toList());
	}

}
