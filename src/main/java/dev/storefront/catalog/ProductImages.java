package dev.storefront.catalog;

import java.util.List;

/**
 * The hook through which an images capability adds {@code images} to product reads; without an
 * implementation, products have none. Implementations call {@link ProductService#imagesChanged}
 * when a product's images change.
 */
public interface ProductImages {

	/** The processed images of a product, oldest first. */
	List<Product.Image> of(long productId);

}
