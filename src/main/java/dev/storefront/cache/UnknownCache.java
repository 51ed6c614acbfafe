package dev.storefront.cache;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * No cache is configured under this name.
 */
class UnknownCache extends DomainException {

	UnknownCache(String name) {
		super(HttpStatus.NOT_FOUND, "unknown-cache", "No cache named " + name);
	}

}
