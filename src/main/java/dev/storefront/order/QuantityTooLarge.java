package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * One order line asks for more units than a line may hold.
 */
class QuantityTooLarge extends DomainException {

	QuantityTooLarge(long productId, int max) {
		super(HttpStatus.BAD_REQUEST, "quantity-too-large",
				"Product " + productId + ": at most " + max + " units per order line");
		with("productId", productId);
		with("max", max);
	}

}
