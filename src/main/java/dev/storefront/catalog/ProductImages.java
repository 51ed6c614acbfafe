package dev.storefront.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The hook through which an images capability adds {@code images} to product reads; without an
 * implementation, products have none. Implementations call {@link ProductService#imagesChanged}
 * when a product's images change.
 */
public interface ProductImages {

	/** The processed images of a product, oldest first. */
	List<Product.Image> of(long productId);

	/**
	 * The processed images of several products in one read, oldest first; products without images are
	 * absent from the map.
	 */
	Map<Long, List<Product.Image>> of(Collection<Long> productIds);

}
