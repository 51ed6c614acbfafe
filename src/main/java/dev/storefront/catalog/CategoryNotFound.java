package dev.storefront.catalog;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * No category has the given id.
 */
class CategoryNotFound extends DomainException {

	CategoryNotFound(long id) {
		super(HttpStatus.NOT_FOUND, "category-not-found", "Category " + id + " does not exist");
	}

}
