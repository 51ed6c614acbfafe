package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * An {@code Idempotency-Key} was sent again with a different request body.
 */
class IdempotencyKeyReused extends DomainException {

	IdempotencyKeyReused() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
				"This Idempotency-Key was already used for a different order request");
	}

}
