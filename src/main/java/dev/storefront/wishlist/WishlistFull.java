package dev.storefront.wishlist;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * The wishlist already holds the most products allowed.
 */
class WishlistFull extends DomainException {

	WishlistFull(int maxProducts) {
		super(HttpStatus.CONFLICT, "wishlist-full", "A wishlist holds at most " + maxProducts + " products");
		with("maxProducts", maxProducts);
	}

}
