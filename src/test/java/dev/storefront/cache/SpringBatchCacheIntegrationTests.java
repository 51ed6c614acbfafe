package dev.storefront.cache;

import org.junit.jupiter.api.AfterEach;

/** The {@link BatchCache} contract on Spring's stock RedisCacheManager ({@code storefront.cache.mode=redis}). */
class SpringBatchCacheIntegrationTests extends BatchCacheContract {

	private final StockRedis stock = new StockRedis("batched");

	@AfterEach
	void stop() {
		stock.close();
	}

	@Override
	BatchCache batch() {
		return stock.layer().batch();
	}

	@Override
	String cacheName() {
		return stock.name();
	}

}
