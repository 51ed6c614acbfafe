package dev.storefront.events;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * A stream id in a request is not of the form {@code <millis>-<sequence>}.
 */
class InvalidStreamId extends DomainException {

	InvalidStreamId(String id) {
		super(HttpStatus.BAD_REQUEST, "invalid-stream-id",
				"'" + id + "' is not a stream id; expected <millis>-<sequence>, each a number below "
						+ Long.MAX_VALUE + ", e.g. 1732940000000-0");
		with("id", id);
	}

}
