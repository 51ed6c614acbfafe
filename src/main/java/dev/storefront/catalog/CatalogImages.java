package dev.storefront.catalog;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds the images from the {@link ProductImages} hook, if there is one, to product reads: all of them to
 * single and batch reads, the primary one to listings.
 */
@Component
class CatalogImages {

	private final ObjectProvider<ProductImages> images;

	CatalogImages(ObjectProvider<ProductImages> images) {
		this.images = images;
	}

	Product decorate(Product product) {
		ProductImages hook = images.getIfAvailable();
		return hook == null ? product : product.withImages(hook.of(product.id()));
	}

	/** Every product with all its images, as {@link #decorate} (batch reads share its cache entries). */
	List<Product> decorateAll(List<Product> products) {
		return withImages(products, false);
	}

	/** Every product with its primary (oldest) image only: what a listing shows, one read for the page. */
	List<Product> withPrimaryImages(List<Product> products) {
		return withImages(products, true);
	}

	private List<Product> withImages(List<Product> products, boolean primaryOnly) {
		ProductImages hook = images.getIfAvailable();
		if (hook == null || products.isEmpty()) {
			return products;
		}
		Map<Long, List<Product.Image>> found = hook.of(products.stream().map(Product::id).toList());
		return products.stream().map(product -> {
			List<Product.Image> all = found.getOrDefault(product.id(), List.of());
			return product.withImages(primaryOnly && all.size() > 1 ? all.subList(0, 1) : all);
		}).toList();
	}

}
