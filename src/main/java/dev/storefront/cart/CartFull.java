package dev.storefront.cart;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * The cart already holds the most distinct products allowed.
 */
class CartFull extends DomainException {

	CartFull(int maxLines) {
		super(HttpStatus.CONFLICT, "cart-full", "A cart holds at most " + maxLines + " different products");
		with("maxLines", maxLines);
	}

}
