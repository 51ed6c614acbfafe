package dev.storefront.cache;

import org.junit.jupiter.api.AfterEach;

/** The {@link TagCache} contract on Spring's stock RedisCacheManager ({@code storefront.cache.mode=redis}). */
class SpringTagCacheIntegrationTests extends TagCacheContract {

	private final StockRedis stock = new StockRedis("tagged");

	@AfterEach
	void stop() {
		stock.close();
	}

	@Override
	TagCache tags() {
		return stock.layer().tags();
	}

	@Override
	String cacheName() {
		return stock.name();
	}

}
