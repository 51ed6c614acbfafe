package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * The user already holds as many unpaid orders as allowed; pay or cancel one first.
 */
class TooManyPendingOrders extends DomainException {

	TooManyPendingOrders(int limit) {
		super(HttpStatus.CONFLICT, "too-many-pending-orders",
				"You already have " + limit + " unpaid orders; pay or cancel one before placing another");
		with("limit", limit);
	}

}
