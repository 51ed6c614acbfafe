package dev.storefront.images;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
		return store.readyImages(productId).stream().map(ProductImagesAdapter::image).toList();
	}

	@Override
	public Map<Long, List<Product.Image>> of(Collection<Long> productIds) {
		Map<Long, List<Product.Image>> images = new LinkedHashMap<>();
		store.readyImages(productIds)
			.forEach((product, ids) -> images.put(product, ids.stream().map(ProductImagesAdapter::image).toList()));
		return images;
	}

	private static Product.Image image(long id) {
		return new Product.Image(id, ImageUrls.of(id, "thumb"), ImageUrls.of(id, "medium"));
	}

}
