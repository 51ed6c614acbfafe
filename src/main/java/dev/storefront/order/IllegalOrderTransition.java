package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * The order is not in a status from which the requested move is allowed.
 */
class IllegalOrderTransition extends DomainException {

	IllegalOrderTransition(long id, OrderStatus current, OrderStatus target) {
		super(HttpStatus.CONFLICT, "illegal-transition",
				"Order " + id + " is " + current + " and cannot become " + target);
		// Not "status": that member is the HTTP status of every problem.
		with("orderStatus", current);
		with("targetStatus", target);
	}

}
