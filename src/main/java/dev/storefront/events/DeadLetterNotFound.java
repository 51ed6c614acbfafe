package dev.storefront.events;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * No entry of {@code sf:events:dlq} has the given id.
 */
class DeadLetterNotFound extends DomainException {

	DeadLetterNotFound(String id) {
		super(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter " + id + " does not exist");
		with("id", id);
	}

}
