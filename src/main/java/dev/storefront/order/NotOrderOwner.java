package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Only the customer who placed an order may pay it; an administrator who can see the order gets this.
 */
class NotOrderOwner extends DomainException {

	NotOrderOwner(long id) {
		super(HttpStatus.FORBIDDEN, "not-order-owner", "Only the customer who placed order " + id + " may pay it");
	}

}
