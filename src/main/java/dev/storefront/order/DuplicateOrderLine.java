package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * An order request names the same product on two lines; one line per product keeps stock taking simple.
 */
class DuplicateOrderLine extends DomainException {

	DuplicateOrderLine(long productId) {
		super(HttpStatus.BAD_REQUEST, "duplicate-order-line",
				"Product " + productId + " appears more than once; send one line per product");
		with("productId", productId);
	}

}
