package dev.storefront.catalog;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * No live product has the given id or slug.
 */
public class ProductNotFound extends DomainException {

	ProductNotFound(Object key) {
		super(HttpStatus.NOT_FOUND, "product-not-found", "Product " + key + " does not exist");
	}

}
