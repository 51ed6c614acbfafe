package dev.storefront.catalog;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * A slug or SKU that must be unique is already taken.
 */
class DuplicateCatalogEntry extends DomainException {

	DuplicateCatalogEntry(String what) {
		super(HttpStatus.CONFLICT, "duplicate", what + " is already taken");
	}

}
