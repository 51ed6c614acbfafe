package dev.storefront.cart;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * An order was asked for from a cart that has no lines.
 */
class CartEmpty extends DomainException {

	CartEmpty() {
		super(HttpStatus.CONFLICT, "cart-empty", "The cart is empty; add items before ordering");
	}

}
