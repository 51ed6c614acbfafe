package dev.storefront.web;

import org.springframework.http.HttpStatus;

/**
 * A request that is well-formed but asks for something that cannot be: a reversed range, a sort on an
 * unknown field, a batch that is too big. Thrown only for input; an {@link IllegalArgumentException} is a
 * programming error and answers 500.
 */
public class InvalidRequest extends DomainException {

	public InvalidRequest(String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", detail);
	}

}
