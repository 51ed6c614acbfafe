package dev.storefront.catalog;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.storefront.catalog.WishlistFlags.Flags;
import dev.storefront.web.PageResponse;

/**
 * Adds the caller's {@code wishlisted} flag to products read from the shared caches: one lookup per
 * response, whatever its size. When the wishlist cannot be read, the flag is left out and the response
 * carries {@code Storefront-Degraded: wishlist}.
 */
@Component
class WishlistMarking {

	static final String DEGRADED_HEADER = "Storefront-Degraded";

	private final ObjectProvider<WishlistFlags> flags;

	WishlistMarking(ObjectProvider<WishlistFlags> flags) {
		this.flags = flags;
	}

	Product mark(Product product, HttpServletResponse response) {
		return mark(List.of(product), response).get(0);
	}

	PageResponse<Product> mark(PageResponse<Product> page, HttpServletResponse response) {
		return new PageResponse<>(mark(page.content(), response), page.page());
	}

	List<Product> mark(List<Product> products, HttpServletResponse response) {
		WishlistFlags source = flags.getIfAvailable();
		if (source == null || products.isEmpty()) {
			return products;
		}
		Flags found = source.lookup(products.stream().map(Product::id).toList());
		if (found.degraded() && !response.containsHeader(DEGRADED_HEADER)) {
			response.setHeader(DEGRADED_HEADER, "wishlist");
		}
		if (!found.known()) {
			return products;
		}
		return products.stream().map(product -> product.withWishlisted(found.of(product.id()))).toList();
	}

}
