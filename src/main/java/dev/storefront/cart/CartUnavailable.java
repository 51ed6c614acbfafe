package dev.storefront.cart;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Redis, where carts live, cannot be reached right now.
 */
class CartUnavailable extends DomainException {

	CartUnavailable(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "cart-unavailable", "The cart is unavailable right now; retry later",
				cause);
		getHeaders().set("Retry-After", "5");
	}

}
