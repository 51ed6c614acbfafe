package dev.storefront.wishlist;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.storefront.catalog.Product;
import dev.storefront.catalog.ProductService;
import dev.storefront.web.PageResponse;
import dev.storefront.web.PageResponse.PageMetadata;

/**
 * Wishlist reads and edits. Adding needs a live product; removing works for a product deleted since it
 * was added, and only an id that is neither on the wishlist nor a product is unknown.
 */
@Service
class WishlistService {

	private final Wishlists wishlists;

	private final ProductService products;

	WishlistService(Wishlists wishlists, ProductService products) {
		this.wishlists = wishlists;
		this.products = products;
	}

	/** @throws dev.storefront.catalog.ProductNotFound if no live product has the id (404) */
	void add(long userId, long productId) {
		products.find(productId);
		wishlists.add(userId, productId);
	}

	void remove(long userId, long productId) {
		if (!wishlists.remove(userId, productId)) {
			products.find(productId);
		}
	}

	/**
	 * One page of the wishlist by ascending product id, resolved through the catalog's batch cache read.
	 * Products deleted since they were added are left out of the page (they still count in its totals).
	 */
	PageResponse<Product> page(long userId, int page, int size) {
		List<Long> ids = wishlists.productIds(userId);
		int from = (int) Math.min((long) page * size, ids.size());
		List<Product> content = products.findAll(ids.subList(from, Math.min(from + size, ids.size()))).stream()
			.map(product -> product.withWishlisted(true))
			.toList();
		int totalPages = (ids.size() + size - 1) / size;
		return new PageResponse<>(content, new PageMetadata(page, size, ids.size(), totalPages));
	}

}
