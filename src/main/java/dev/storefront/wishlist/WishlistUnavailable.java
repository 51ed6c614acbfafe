package dev.storefront.wishlist;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Redis, where wishlists live, cannot be reached right now.
 */
class WishlistUnavailable extends DomainException {

	WishlistUnavailable(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "wishlist-unavailable",
				"The wishlist is unavailable right now; retry later", cause);
		getHeaders().set("Retry-After", "5");
	}

}
