package dev.storefront.images;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.storefront.catalog.Product;
import dev.storefront.catalog.ProductImages;

/**
 * Catalog's {@link ProductImages} hook: the processed images of a product, with their URLs.
 */
@Component
class ProductImagesAdapter implements ProductImages {

	private final ImageStore store;

	ProductImagesAdapter(ImageStore store) {
		this.store = store;
	}

	@Override
	public List<Product.Image> of(long productId) {
		return store.readyImages(productId)
			.stream()
			.map(id -> new Product.Image(id, ImageUrls.of(id, "thumb"), ImageUrls.of(id, "medium")))
			.toList();
	}

}
