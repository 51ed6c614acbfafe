package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * No order with this id is visible to the caller (other users' orders read as missing).
 */
class OrderNotFound extends DomainException {

	OrderNotFound(long id) {
		super(HttpStatus.NOT_FOUND, "order-not-found", "Order " + id + " does not exist");
	}

}
