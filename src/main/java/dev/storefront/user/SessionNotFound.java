package dev.storefront.user;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * The caller has no live session with the given handle.
 */
class SessionNotFound extends DomainException {

	SessionNotFound() {
		super(HttpStatus.NOT_FOUND, "session-not-found", "No live session of yours has this handle");
	}

}
