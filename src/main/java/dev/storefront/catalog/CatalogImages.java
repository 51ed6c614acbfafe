package dev.storefront.catalog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds the images from the {@link ProductImages} hook, if there is one, to single-product reads.
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

}
