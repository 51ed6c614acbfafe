package dev.storefront.catalog;

import java.util.Optional;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cached single-product read. An empty result is cached too (negative caching), so hammering a
 * missing id does not reach the database; {@code sync} gives per-key single-flight.
 */
@Component
class CachedProducts {

	private final Products products;

	private final CatalogImages images;

	CachedProducts(Products products, CatalogImages images) {
		this.products = products;
		this.images = images;
	}

	@Cacheable(cacheNames = CatalogCaches.PRODUCT, key = "#id", sync = true)
	@Transactional(readOnly = true)
	public Optional<Product> find(long id) {
		return products.findById(id).map(ProductEntity::toProduct).map(images::decorate);
	}

}
