package dev.storefront.catalog;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * A category cannot be deleted while products still reference it.
 */
class CategoryInUse extends DomainException {

	CategoryInUse(long id, long products) {
		super(HttpStatus.CONFLICT, "category-in-use",
				"Category " + id + " still has " + products + " product(s); move or delete them first");
		with("products", products);
	}

}
