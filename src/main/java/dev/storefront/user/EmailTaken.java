package dev.storefront.user;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Registration with an email that another account already uses.
 */
class EmailTaken extends DomainException {

	EmailTaken() {
		super(HttpStatus.CONFLICT, "email-taken", "An account with this email already exists");
	}

}
