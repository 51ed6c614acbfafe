package dev.storefront.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Base of the named domain failures ({@code InsufficientStock}, {@code OrderNotFound}, ...). Each one
 * carries its own problem detail, so {@link ProblemHandler} renders it without knowing the type.
 */
public abstract class DomainException extends ErrorResponseException {

	protected DomainException(HttpStatus status, String slug, String detail) {
		super(status, Problems.of(status, slug, detail), null);
	}

	/** As above, keeping the failure that caused this one (e.g. a Redis outage) for the logs. */
	protected DomainException(HttpStatus status, String slug, String detail, Throwable cause) {
		super(status, Problems.of(status, slug, detail), cause);
	}

	/**
	 * Adds an extension member to the problem body, e.g. the id of the product that is short.
	 */
	protected final void with(String name, Object value) {
		getBody().setProperty(name, value);
	}

}
